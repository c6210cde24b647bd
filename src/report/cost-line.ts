/**
 * plan.md's cost line: the env's estimated cost per day after the plan and the change from before,
 * read from the env stack's `estimated_cost_per_day` output in the plan (`output_changes`).
 */

/** The env stack's output that carries the estimate (src/stacks/branch-stack.ts). */
export const COST_OUTPUT = 'estimated_cost_per_day';

/** USD per day before and after the plan; undefined where the env had, or will have, no estimate. */
export interface CostChange {
  readonly before?: number;
  readonly after?: number;
}

interface OutputChange {
  readonly actions: readonly string[];
  readonly before?: unknown;
  readonly after?: unknown;
}

const usdOrUndefined = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The estimate's change in a plan; undefined when the plan carries no estimate at all. */
export function costChangeOf(outputChanges: Readonly<Record<string, OutputChange>> | undefined): CostChange | undefined {
  const change = outputChanges?.[COST_OUTPUT];
  if (!change) return undefined;
  const before = usdOrUndefined(change.before);
  const after = change.actions.includes('delete') && !change.actions.includes('create') ? undefined : usdOrUndefined(change.after);
  return before === undefined && after === undefined ? undefined : { before, after };
}

const usd = (value: number) => `$${value.toFixed(2)}`;

/**
 * `Estimated cost: $1.23/day (was $0.98/day, +$0.25)`; `(unchanged)`, `(new env)`, or after a
 * plan that removes the env, what it stops costing. `newEnv`: the plan creates the whole env.
 */
export function costLine(change: CostChange, newEnv: boolean): string {
  const { before, after } = change;
  if (after === undefined) return `Estimated cost: none after this plan (was ${usd(before ?? 0)}/day, -${usd(before ?? 0)})`;
  if (before === undefined) return `Estimated cost: ${usd(after)}/day (${newEnv ? 'new env' : 'no estimate before this plan'})`;
  const delta = Math.round((after - before) * 100) / 100;
  if (delta === 0) return `Estimated cost: ${usd(after)}/day (unchanged)`;
  return `Estimated cost: ${usd(after)}/day (was ${usd(before)}/day, ${delta > 0 ? '+' : '-'}${usd(Math.abs(delta))})`;
}
