/**
 * plan.md: the plan of an env as a pull-request comment a reviewer reads in a minute. First the
 * env (branch, commit, shard, expiry, URLs) and the counts with the cost; then what matters most:
 * destroys and replacements with what forces them, the images per service with their source; then
 * every changed resource by service (never cut), each group's compact diff folded, the env's graph;
 * last, what was cut to stay under GitHub's limit and where the whole plan is. Every value from
 * outside goes through markdownCode, so it renders as text.
 */
import { costLine } from './cost-line';
import { destructiveChangeLines } from './destructive-changes';
import { markdownCode } from './markdown-escape';
import { countsLine, PlanSummary } from './plan-summary';
import type { PlanText } from './plan-text';
import { sharedTags } from './compact-diff';
import { groupDiff, groupList, groupResources, groupSummary, ResourceGroup } from './resource-groups';
import type { ImageRow } from './text-summary';

/** Below GitHub's 65,536-character comment limit, with room for a wrapper (CI joins plans into one comment). */
export const PLAN_MARKDOWN_LIMIT = 60_000;

export interface PlanMarkdownInput {
  readonly summary: PlanSummary;
  readonly text: PlanText;
  readonly tier: string;
  readonly set: string;
  readonly env: string;
  /** Services of the set, in its order: resources are grouped by them. */
  readonly services: readonly string[];
  readonly branch: string;
  readonly commit: string;
  /** Web page of the commit, when the repository's address is known. */
  readonly commitUrl?: string;
  readonly shard?: { readonly number: number; readonly of: number };
  readonly expiresOn?: string;
  readonly urls: readonly string[];
  readonly images: readonly ImageRow[];
  /** The fallback branch, for the source column. */
  readonly fallbackBranch: string;
  /** Mermaid text of the env's graph. */
  readonly mermaid?: string;
  /** Where the whole plan is (plan.txt, plan.json), relative paths. */
  readonly wholePlan: readonly string[];
  readonly limit?: number;
}

/** Hidden marker that lets CI find and update the one comment of an env; names cannot end the comment. */
export function planMarker(tier: string, set: string, env: string): string {
  const part = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');
  return `<!-- branchenv-plan: ${part(tier)}/${part(set)}/${part(env)} -->`;
}

function sourceText(source: string, fallbackBranch: string): string {
  if (source === 'branch') return 'branch';
  if (source === 'fallback') return `${markdownCode(fallbackBranch, 'table')} fallback`;
  if (source === 'override') return 'pinned';
  return source;
}

function header(input: PlanMarkdownInput): string[] {
  const { summary } = input;
  const c = summary.counts;
  const commit = input.commitUrl ? `[${markdownCode(input.commit, 'table')}](${input.commitUrl})` : markdownCode(input.commit, 'table');
  const newEnv = c.create > 0 && c.update + c.replace + c.delete + c['no-op'] === 0;
  const lines = [
    planMarker(input.tier, input.set, input.env),
    `### branchenv plan: ${markdownCode(input.env)} (${markdownCode(input.tier)}, set ${markdownCode(input.set)})`,
    '',
    `**${summary.hasChanges ? countsLine(summary) : 'no changes'}**${summary.cost ? ` · ${costLine(summary.cost, newEnv)}` : ''}`,
    '',
    `| branch | commit |${input.shard ? ' ingress shard |' : ''}${input.expiresOn ? ' expires |' : ''}`,
    `|---|---|${input.shard ? '---|' : ''}${input.expiresOn ? '---|' : ''}`,
    `| ${markdownCode(input.branch, 'table')} | ${commit} |${input.shard ? ` ${input.shard.number} of ${input.shard.of} |` : ''}${input.expiresOn ? ` ${markdownCode(input.expiresOn, 'table')} |` : ''}`,
    '',
  ];
  if (input.urls.length > 0) lines.push(`URLs: ${input.urls.join(' · ')}`, '');
  return lines;
}

function imageTable(input: PlanMarkdownInput): string[] {
  if (input.images.length === 0) return [];
  const cell = (image?: string) => (image ? markdownCode(image, 'table') : '—');
  return [
    '#### Images',
    '',
    '| service | from | to | source |',
    '|---|---|---|---|',
    ...input.images.map((i) => `| ${markdownCode(i.service, 'table')} | ${i.from === i.to ? 'unchanged' : cell(i.from)} | ${cell(i.to)} | ${sourceText(i.source, input.fallbackBranch)} |`),
    '',
  ];
}

/** One folded section per group: its resources (always) and, when it fitted, its compact diff. */
function groupSection(group: ResourceGroup, diff: readonly string[] | undefined): string[] {
  return [`<details><summary>${groupSummary(group)}</summary>`, '', ...groupList(group), ...(diff ?? []), '</details>', ''];
}

export function planMarkdown(input: PlanMarkdownInput): string {
  const limit = input.limit ?? PLAN_MARKDOWN_LIMIT;
  const c = input.summary.counts;
  const groups = groupResources(input.text, input.services);
  const head = [
    ...header(input),
    ...destructiveChangeLines(input.summary),
    ...imageTable(input),
    '| create | update | replace | destroy |',
    '|---|---|---|---|',
    `| ${c.create} | ${c.update} | ${c.replace} | ${c.delete} |`,
    '',
    ...(groups.length > 0 ? ['#### Changes by service', ''] : []),
  ];
  const shared = sharedTags(input.text.resources.map((r) => r.lines));
  const graph = input.mermaid ? ['<details><summary>Graph of the env</summary>', '', '```mermaid', input.mermaid.trimEnd(), '```', '', '</details>', ''] : [];
  const whole = `the whole plan: ${input.wholePlan.map((p) => markdownCode(p)).join(', ')} (CI keeps them as artifacts)`;
  // Never cut: the head and every group's resource list. Then, while they fit: the graph, each group's diff.
  const diffs = groups.map((g) => groupDiff(g, shared));
  const render = (keepGraph: boolean, kept: number): string => {
    const cut = [...(graph.length > 0 && !keepGraph ? ['the graph'] : []), ...groups.slice(kept).map((g) => `the diff of ${g.name}`)];
    const footer = cut.length > 0 ? `<sub>Cut to stay under ${limit.toLocaleString('en-US')} characters: ${cut.join(', ')}. Every changed resource is listed above; ${whole}.</sub>` : `<sub>${whole[0].toUpperCase()}${whole.slice(1)}.</sub>`;
    const sections = groups.flatMap((g, i) => groupSection(g, i < kept ? diffs[i] : undefined));
    return [...head, ...sections, ...(keepGraph ? graph : []), footer, ''].join('\n');
  };
  const keepGraph = graph.length > 0 && render(true, 0).length <= limit;
  let kept = 0;
  while (kept < groups.length && render(keepGraph, kept + 1).length <= limit) kept++;
  return render(keepGraph, kept);
}
