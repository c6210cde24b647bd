/**
 * `env review --branch <pr branch> --target <merge target> --set <set>…`: the plans a pull
 * request's reviewer must judge, in one Markdown file for one comment: the branch's own env when it
 * has or will get one, the target's env (develop) planned with this checkout's code and definitions
 * (what merging changes in a live env), and the base when the changes touch base code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { baseChangeSince } from '../ci/base-code';
import { branchMatches } from '../ci/render-ci';
import { nameOf } from '../env/env-target';
import { UserError } from '../errors/user-error';
import { markdownCode } from '../report/markdown-escape';
import { countsLine } from '../report/plan-summary';
import { reviewMarkdown, ReviewSection, sectionLimit } from '../report/review-markdown';
import type { EnvFlagArgs } from './env-options';
import { runBasePlan } from './run-base';
import { withEnvStates } from './run-list';
import { runPlan } from './run-plan';
import type { Tier } from '../definitions/base-definition';

export interface ReviewArgs extends EnvFlagArgs {
  readonly branch: string;
  /** The branch the pull request merges into; none: only the branch's own env (a manual run). */
  readonly target?: string;
  readonly set: string[];
  readonly tier: Tier;
  /** Branch patterns that get an env (the CI's `--branches`). */
  readonly envBranches: string[];
  /** Plan the branch's own env even when it has none and gets none (a manual run asks for it). */
  readonly ownAlways: boolean;
}

export interface ReviewOutcome {
  readonly file: string;
  readonly sections: readonly ReviewSection[];
}

type Planned = { kind: 'env'; set: string; branch: string; title: string } | { kind: 'base'; title: string };

async function planOf(plan: Planned, args: ReviewArgs, limit: number): Promise<ReviewSection> {
  const outcome =
    plan.kind === 'base'
      ? await runBasePlan({ action: 'plan', tier: args.tier, local: args.local, out: args.out, json: false, markdownLimit: limit })
      : await runPlan({ ...args, target: undefined, branch: plan.branch, set: plan.set }, { creates: true, markdownLimit: limit });
  return { title: plan.title, summary: `**${outcome.summary.hasChanges ? countsLine(outcome.summary) : 'no changes'}**`, markdown: fs.readFileSync(outcome.files.planMd, 'utf8') };
}

export async function runReview(args: ReviewArgs): Promise<ReviewOutcome> {
  if (!args.branch) throw new UserError('review needs --branch <the pull request`s branch>', 'e.g. --branch "$GITHUB_HEAD_REF"');
  const sets = [...new Set(args.set)];
  const live = await withEnvStates({ tier: args.tier, local: args.local, out: args.out, json: false, set: undefined }, async (states) =>
    new Set(states.filter((s) => s.resources > 0).map((s) => `${s.set}/${s.env}`)),
  );
  const has = (set: string, branch: string) => live.has(`${set}/${nameOf({ kind: 'branch', branch }).name}`);
  // In the order the comment shows them: per set the branch's env, then the target's; the base last.
  const slots: (ReviewSection | Planned)[] = [];
  const getsOne = args.ownAlways || args.envBranches.some((p) => branchMatches(p, args.branch));
  for (const set of sets) {
    const own = `${markdownCode(nameOf({ kind: 'branch', branch: args.branch }).name)} (set ${markdownCode(set)}), this branch's env`;
    if (getsOne || has(set, args.branch)) slots.push({ kind: 'env', set, branch: args.branch, title: own });
    else slots.push({ title: own, summary: `none: ${markdownCode(args.branch)} gets no env (${args.envBranches.map((b) => markdownCode(b)).join(', ')} do) and has none` });
    if (args.target && args.target !== args.branch) {
      const target = `${markdownCode(nameOf({ kind: 'branch', branch: args.target }).name)} (set ${markdownCode(set)}) after merging`;
      if (has(set, args.target)) slots.push({ kind: 'env', set, branch: args.target, title: target });
      else slots.push({ title: target, summary: `none: ${markdownCode(args.target)} has no env to change` });
    }
  }
  if (args.target) {
    if (baseChangeSince(args.tier, `origin/${args.target}`, process.cwd()).changed) slots.push({ kind: 'base', title: `the ${markdownCode(args.tier)} base` });
    else slots.push({ title: `the ${markdownCode(args.tier)} base`, summary: 'no base code changed' });
  }
  const limit = sectionLimit(slots.filter((slot) => 'kind' in slot).length);
  const sections: ReviewSection[] = [];
  for (const slot of slots) sections.push('kind' in slot ? await planOf(slot, args, limit) : slot);
  const file = path.resolve(args.out, 'review.md');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, reviewMarkdown(args.tier, args.branch, sections));
  return { file, sections };
}
