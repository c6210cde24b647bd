/**
 * plan.md's changes by service: every changed resource, grouped by the service its Terraform name
 * starts with (`web_task` → web) or "env" for the env's shared resources, each with its action;
 * and each group's compact diff (src/report/compact-diff.ts) as a `diff` code block.
 */
import { compactBlock } from './compact-diff';
import { markdownCode } from './markdown-escape';
import type { ChangeKind } from './plan-summary';
import { markerOf, PlanText, PlanTextResource } from './plan-text';

export interface ResourceGroup {
  /** A service name, or `env`. */
  readonly name: string;
  readonly resources: readonly PlanTextResource[];
}

const ACTION: Readonly<Record<ChangeKind, string>> = { create: '➕ create', update: '✏️ update', replace: '♻️ replace', delete: '🔥 destroy', read: '📖 read', 'no-op': '↪️ move' };
export const ENV_GROUP = 'env';

/** The service a resource belongs to: its name (after the type) starts with the service's id and `_`. */
function serviceOf(address: string, ids: readonly { service: string; id: string }[]): string {
  const name = address.replace(/^data\./, '').split('.').slice(1).join('.');
  return ids.find((s) => name.startsWith(`${s.id}_`))?.service ?? ENV_GROUP;
}

/** Changed resources by service, in the set's order, then `env`; groups with no change are left out. */
export function groupResources(text: PlanText, services: readonly string[]): ResourceGroup[] {
  // Longest id first: `api_gateway` must not fall to `api`.
  const ids = services.map((service) => ({ service, id: service.replace(/-/g, '_') })).sort((a, b) => b.id.length - a.id.length);
  const groups = new Map<string, PlanTextResource[]>([...services, ENV_GROUP].map((name) => [name, []]));
  for (const resource of text.resources) groups.get(serviceOf(resource.address, ids))!.push(resource);
  return [...groups].filter(([, resources]) => resources.length > 0).map(([name, resources]) => ({ name, resources }));
}

/** `1 replace, 2 update` */
export function groupCounts(resources: readonly PlanTextResource[]): string {
  const counts = new Map<string, number>();
  for (const r of resources) {
    const action = ACTION[r.kind].split(' ')[1];
    counts.set(action, (counts.get(action) ?? 0) + 1);
  }
  return [...counts].map(([action, n]) => `${n} ${action}`).join(', ');
}

/** A group's folded title, HTML (Markdown is not read inside <summary>); service names are DNS labels. */
export function groupSummary(group: ResourceGroup): string {
  const destructive = group.resources.some((r) => r.kind === 'delete' || r.kind === 'replace') ? ' ⚠️' : '';
  return `<b>${group.name === ENV_GROUP ? 'env (shared)' : group.name}</b>: ${groupCounts(group.resources)}${destructive}`;
}

/** The bullet list of a group: every resource, never cut. */
export function groupList(group: ResourceGroup): string[] {
  return [...group.resources.map((r) => `- ${ACTION[r.kind]} ${markdownCode(r.address)}`), ''];
}

/** A fence longer than any run of backticks or tildes in the text, so heredocs cannot end it. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...(text.match(/~+/g) ?? []).map((run) => run.length));
  return '~'.repeat(longest + 1);
}

/** Terraform's line with its change marker moved to the first column, where GitHub's diff colouring looks. */
function diffLine(line: string): string {
  const marker = markerOf(line);
  if (!marker) return ` ${line}`;
  const at = line.indexOf(marker);
  return `${marker}${line.slice(0, at)}${line.slice(at + marker.length)}`;
}

/** The compact diff of a group as a `diff` block. */
export function groupDiff(group: ResourceGroup, shared: ReadonlySet<string>): string[] {
  const body = group.resources.flatMap((r) => [`# ${r.address}`, ...compactBlock(r.lines, shared).map(diffLine), '']).join('\n').trimEnd();
  const fence = fenceFor(body);
  return [`${fence}diff`, body, fence, ''];
}
