/** What a saved plan does, read from `terraform show -json`: counts, destructive changes, image changes, the cost estimate. */
import { CostChange, costChangeOf } from './cost-line';

interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly change: { readonly actions: string[]; readonly before?: Record<string, unknown> | null; readonly after?: Record<string, unknown> | null };
  readonly action_reason?: string;
}

export interface PlanJsonDocument {
  readonly resource_changes?: readonly ResourceChange[];
  readonly output_changes?: Readonly<Record<string, { actions: string[]; before?: unknown; after?: unknown }>>;
}

export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'read' | 'no-op';

export interface ImageChange {
  /** `<task resource address>` container name. */
  readonly container: string;
  readonly from?: string;
  readonly to?: string;
}

export interface PlanSummary {
  readonly counts: Readonly<Record<ChangeKind, number>>;
  /** Resources destroyed, replaced, in plan order. */
  readonly destroyed: readonly string[];
  readonly replaced: readonly { address: string; reason?: string }[];
  readonly imageChanges: readonly ImageChange[];
  readonly hasChanges: boolean;
  /** The env's estimated cost per day before and after (its `estimated_cost_per_day` output), when the plan has one. */
  readonly cost?: CostChange;
}

export function changeKind(actions: readonly string[]): ChangeKind {
  const key = actions.join(',');
  if (key === 'create') return 'create';
  if (key === 'update') return 'update';
  if (key === 'delete') return 'delete';
  if (key === 'read') return 'read';
  if (key === 'delete,create' || key === 'create,delete') return 'replace';
  return 'no-op';
}

function images(definitions: unknown): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof definitions !== 'string') return found;
  try {
    for (const c of JSON.parse(definitions) as { name?: string; image?: string }[]) if (c.name && c.image) found.set(c.name, c.image);
  } catch {
    // not literal JSON (unknown until apply)
  }
  return found;
}

/** Per container of every changed task definition: the image before and after, when they differ. */
function imageChanges(changes: readonly ResourceChange[]): ImageChange[] {
  const result: ImageChange[] = [];
  for (const rc of changes) {
    if (rc.type !== 'aws_ecs_task_definition') continue;
    const kind = changeKind(rc.change.actions);
    if (kind === 'no-op' || kind === 'read') continue;
    const before = images(rc.change.before?.container_definitions);
    const after = images(rc.change.after?.container_definitions);
    for (const name of new Set([...before.keys(), ...after.keys()])) {
      if (before.get(name) === after.get(name)) continue;
      result.push({ container: `${rc.address} ${name}`, from: before.get(name), to: after.get(name) });
    }
  }
  return result;
}

/** How many resources of each kind, from the plan JSON's actions or the plan text's phrases. */
export function countKinds(kinds: readonly ChangeKind[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, delete: 0, read: 0, 'no-op': 0 };
  for (const kind of kinds) counts[kind] += 1;
  return counts;
}

export function summarizePlan(plan: PlanJsonDocument): PlanSummary {
  const destroyed: string[] = [];
  const replaced: { address: string; reason?: string }[] = [];
  const changes = plan.resource_changes ?? [];
  const kinds = changes.map((rc) => changeKind(rc.change.actions));
  const counts = countKinds(kinds);
  changes.forEach((rc, i) => {
    const kind = kinds[i];
    if (kind === 'delete') destroyed.push(rc.address);
    if (kind === 'replace') replaced.push({ address: rc.address, reason: rc.action_reason });
  });
  const outputChanges = Object.values(plan.output_changes ?? {}).some((o) => !o.actions.every((a) => a === 'no-op'));
  const hasChanges = counts.create + counts.update + counts.replace + counts.delete > 0 || outputChanges;
  return { counts, destroyed, replaced, imageChanges: imageChanges(changes), hasChanges, cost: costChangeOf(plan.output_changes) };
}

/** Resource operations applying the plan performs (a replacement is a destroy and a create): the total of its progress. */
export function operationCount(summary: PlanSummary): number {
  const c = summary.counts;
  return c.create + c.update + c.delete + c.replace * 2;
}

/** `3 to add, 1 to change, 2 to destroy (1 replaced)` */
export function countsLine(summary: PlanSummary): string {
  const c = summary.counts;
  const add = c.create + c.replace;
  const destroy = c.delete + c.replace;
  const line = `${add} to add, ${c.update} to change, ${destroy} to destroy`;
  return c.replace > 0 ? `${line} (${c.replace} replaced)` : line;
}
