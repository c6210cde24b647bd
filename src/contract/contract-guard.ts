/**
 * Whether a base plan breaks what live envs read: an output of the base contract (base-outputs.ts)
 * that the plan removes or changes. Every env of the tier reads the whole contract through its
 * remote state, so each such change concerns every live env.
 */
import { BASE_OUTPUT_NAMES } from './base-outputs';

/** Outputs that only grow: a larger value adds (a shard) and takes nothing from live envs. */
const GROWING = new Set<string>(['ingress_shards']);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A value that keeps everything live envs read of the old one: a list extended at its end, a growing count raised. */
function onlyExtends(output: string, before: unknown, after: unknown): boolean {
  if (Array.isArray(before) && Array.isArray(after)) return after.length >= before.length && same(after.slice(0, before.length), before);
  return GROWING.has(output) && typeof before === 'number' && typeof after === 'number' && after >= before;
}

/** The part of `terraform show -json` of a plan this reads. */
export interface PlanOutputChanges {
  readonly output_changes?: Readonly<Record<string, { readonly actions: readonly string[]; readonly before?: unknown; readonly after?: unknown }>>;
}

export interface ContractChange {
  readonly output: string;
  /** `removed`: the plan deletes it; `changed`: its value changes (or becomes known only after apply). */
  readonly how: 'removed' | 'changed';
}

const CONTRACT = new Set<string>(BASE_OUTPUT_NAMES);

/**
 * Contract outputs the plan removes or changes; outputs the plan only adds, lists it only extends
 * (a new shard) and a raised shard count are no break. A value known only after apply counts as changed.
 */
export function contractChanges(plan: PlanOutputChanges): ContractChange[] {
  return Object.entries(plan.output_changes ?? {})
    .filter(([name]) => CONTRACT.has(name))
    .flatMap(([output, change]): ContractChange[] => {
      if (change.actions.includes('delete')) return [{ output, how: 'removed' }];
      if (change.actions.includes('update') && !onlyExtends(output, change.before, change.after)) return [{ output, how: 'changed' }];
      return [];
    });
}
