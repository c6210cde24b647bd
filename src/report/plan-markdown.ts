/**
 * plan.md: the plan as a pull-request comment. Counts first; destroys and replacements listed
 * first and loudly; image changes as old → new; the full diff folded; always under the size limit,
 * saying what was cut. Every value from outside (names, branch, commit, addresses, images) goes
 * through markdownCode, so it renders as text.
 */
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

/** Terraform's action_reason (`replace_because_tainted`, …) in words; anything else is not shown. */
function reasonText(reason?: string): string {
  return reason && /^[a-z_]+$/.test(reason) ? ` (${reason.replace(/_/g, ' ')})` : '';
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
  if (summary.destroyed.length + summary.replaced.length > 0) {
    head.push(`#### ⚠️ ${summary.destroyed.length} destroyed, ${summary.replaced.length} replaced`, '');
    for (const address of summary.destroyed) head.push(`- 🔥 **destroy** ${markdownCode(address)}`);
    for (const r of summary.replaced) head.push(`- ♻️ **replace** ${markdownCode(r.address)}${reasonText(r.reason)}`);
    head.push('');
  }
  if (summary.imageChanges.length > 0) {
    head.push('#### Images', '', '| container | from | to |', '|---|---|---|');
    for (const change of summary.imageChanges) head.push(`| ${markdownCode(change.container, 'table')} | ${shortImage(change.from)} | ${shortImage(change.to)} |`);
    head.push('');
  }
  const c = summary.counts;
  head.push('| create | update | replace | destroy |', '|---|---|---|---|', `| ${c.create} | ${c.update} | ${c.replace} | ${c.delete} |`, '');

  const open = '<details><summary>Full plan</summary>\n\n```\n';
  const close = '\n```\n</details>\n';
  const diff = input.diff.replace(/```/g, '`\u200b``').trimEnd();
  const fixed = head.join('\n') + open + close;
  const room = limit - fixed.length - 300;
  if (diff.length <= room) return head.join('\n') + open + diff + close;
  const cutAt = Math.max(0, diff.lastIndexOf('\n', room));
  const kept = diff.slice(0, cutAt);
  const cutLines = diff.slice(cutAt).split('\n').length - 1;
  const notice = `\n… cut ${cutLines} more lines (${diff.length - kept.length} characters) to stay under ${limit.toLocaleString('en-US')} characters; the whole plan is in ${input.planJsonPath}`;
  return head.join('\n') + open + kept + notice + close;
}
