/**
 * plan.md: the plan as a pull-request comment. Counts first; destroys and replacements listed
 * first and loudly; image changes as old → new; the full diff folded; always under the size limit,
 * saying what was cut. Every value from outside (names, branch, commit, addresses, images) goes
 * through markdownCode, so it renders as text.
 */
import { costLine } from './cost-line';
import { destructiveChangeLines } from './destructive-changes';
import { withFoldedDiff } from './folded-diff';
import { markdownCode } from './markdown-escape';
import { countsLine, PlanSummary } from './plan-summary';

/** Below GitHub's 65,536-character comment limit, with room for a wrapper. */
export const PLAN_MARKDOWN_LIMIT = 60_000;

export interface PlanMarkdownInput {
  readonly summary: PlanSummary;
  /** `terraform show` of the saved plan. */
  readonly diff: string;
  readonly tier: string;
  readonly set: string;
  readonly env: string;
  readonly branch: string;
  readonly commit: string;
  /** Where the full plan lies, for the truncation notice. */
  readonly planJsonPath: string;
  readonly limit?: number;
}

/** Hidden marker that lets CI find and update the one comment of an env; names cannot end the comment. */
export function planMarker(tier: string, set: string, env: string): string {
  const part = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `<!-- branchenv-plan: ${part(tier)}/${part(set)}/${part(env)} -->`;
}

function shortImage(image?: string): string {
  return image ? markdownCode(image, 'table') : '—';
}


export function planMarkdown(input: PlanMarkdownInput): string {
  const limit = input.limit ?? PLAN_MARKDOWN_LIMIT;
  const { summary } = input;
  const head: string[] = [
    planMarker(input.tier, input.set, input.env),
    `### branchenv plan for ${markdownCode(input.env)} (${markdownCode(input.tier)}, set ${markdownCode(input.set)})`,
    '',
    `Branch ${markdownCode(input.branch)} at ${markdownCode(input.commit)}: **${summary.hasChanges ? countsLine(summary) : 'no changes'}**`,
    '',
  ];
  if (summary.cost) {
    const c = summary.counts;
    head.push(costLine(summary.cost, c.create > 0 && c.update + c.replace + c.delete + c['no-op'] === 0), '');
  }
  head.push(...destructiveChangeLines(summary));
  if (summary.imageChanges.length > 0) {
    head.push('#### Images', '', '| container | from | to |', '|---|---|---|');
    for (const change of summary.imageChanges) head.push(`| ${markdownCode(change.container, 'table')} | ${shortImage(change.from)} | ${shortImage(change.to)} |`);
    head.push('');
  }
  const c = summary.counts;
  head.push('| create | update | replace | destroy |', '|---|---|---|---|', `| ${c.create} | ${c.update} | ${c.replace} | ${c.delete} |`, '');

  return withFoldedDiff(head, input.diff, limit, input.planJsonPath);
}
