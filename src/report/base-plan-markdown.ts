/**
 * plan.md of a base: its own marker (CI keeps one base comment per pull request), the contract
 * changes live envs would feel first, then destroys and replacements, counts and the folded plan.
 */
import type { ContractChange } from '../contract/contract-guard';
import { destructiveChangeLines } from './destructive-changes';
import { withFoldedDiff } from './folded-diff';
import { markdownCode } from './markdown-escape';
import { PLAN_MARKDOWN_LIMIT } from './plan-markdown';
import { countsLine, PlanSummary } from './plan-summary';

export interface BasePlanMarkdownInput {
  readonly summary: PlanSummary;
  readonly diff: string;
  readonly tier: string;
  readonly vpcName: string;
  readonly commit: string;
  readonly contract: readonly ContractChange[];
  /** Live envs of the tier (`set/env`), named when the contract changes. */
  readonly liveEnvs: readonly string[];
  readonly planJsonPath: string;
  readonly limit?: number;
}

/** Hidden marker of the one base comment of a pull request, per tier. */
export function basePlanMarker(tier: string): string {
  return `<!-- branchenv-base-plan: ${tier.replace(/[^A-Za-z0-9._-]/g, '_')} -->`;
}

const NAMED_ENVS = 20;

export function basePlanMarkdown(input: BasePlanMarkdownInput): string {
  const { summary } = input;
  const head: string[] = [
    basePlanMarker(input.tier),
    `### branchenv base plan for ${markdownCode(input.tier)} (VPC ${markdownCode(input.vpcName)})`,
    '',
    `At ${markdownCode(input.commit)}: **${summary.hasChanges ? countsLine(summary) : 'no changes'}**`,
    '',
  ];
  if (input.contract.length > 0) {
    const envs = input.liveEnvs.slice(0, NAMED_ENVS).map((e) => markdownCode(e)).join(', ');
    const more = input.liveEnvs.length > NAMED_ENVS ? ` and ${input.liveEnvs.length - NAMED_ENVS} more` : '';
    head.push(
      `#### 🚨 Changes the base contract that live envs read`,
      '',
      ...input.contract.map((c) => `- ${markdownCode(c.output)} ${c.how === 'removed' ? 'is **removed**' : 'is **changed**'}`),
      '',
      input.liveEnvs.length > 0
        ? `${input.liveEnvs.length} live env(s) read it: ${envs}${more}. \`env base apply\` refuses this plan without \`--force\`.`
        : 'No live env reads it now.',
      '',
    );
  }
  head.push(...destructiveChangeLines(summary));
  const c = summary.counts;
  head.push('| create | update | replace | destroy |', '|---|---|---|---|', `| ${c.create} | ${c.update} | ${c.replace} | ${c.delete} |`, '');
  return withFoldedDiff(head, input.diff, input.limit ?? PLAN_MARKDOWN_LIMIT, input.planJsonPath);
}
