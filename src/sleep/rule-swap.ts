/**
 * Which listener-rule priorities put an env to sleep and which wake it: the same arithmetic as the
 * sleep schedules' inputs (modules/ingress/asleep-rules.ts, in Terraform's language), so `env sleep`
 * and the schedules always agree. Let k be the number of asleep rules, L the k lowest priorities
 * among the env's rules and H the k highest. Awake, the asleep rules hold H (they never match);
 * asleep, they hold L (they answer first). One arrangement keeps every priority, the other swaps the
 * holders of L and H pairwise, i-th lowest with i-th lowest.
 */

export interface RulePriority {
  readonly arn: string;
  readonly priority: number;
}

export type RuleState = 'awake' | 'asleep' | 'mixed';

export interface SwapPlan {
  /** Where the asleep rules stand now: `mixed` when neither all in H nor all in L (moved by hand). */
  readonly state: RuleState;
  /** Priorities that put the env to sleep (every rule of L and H, new priority). */
  readonly sleep: readonly RulePriority[];
  /** Priorities that wake it. */
  readonly wake: readonly RulePriority[];
}

export function planSwap(asleep: readonly RulePriority[], forward: readonly RulePriority[]): SwapPlan {
  const k = asleep.length;
  if (k === 0) throw new Error('no asleep rule to swap');
  const all = [...asleep, ...forward].sort((a, b) => a.priority - b.priority);
  if (all.length < 2 * k) throw new Error(`${k} asleep rules need at least ${k} forward rules to swap with, found ${forward.length}`);
  const low = all.slice(0, k);
  const high = all.slice(all.length - k);
  const asleepArns = new Set(asleep.map((r) => r.arn));
  const holdsAll = (rules: readonly RulePriority[]) => rules.every((r) => asleepArns.has(r.arn));
  const state: RuleState = holdsAll(high) ? 'awake' : holdsAll(low) ? 'asleep' : 'mixed';
  const keep = [...low, ...high];
  const swap = [...low.map((r, i) => ({ arn: r.arn, priority: high[i].priority })), ...high.map((r, i) => ({ arn: r.arn, priority: low[i].priority }))];
  if (state === 'asleep') return { state, sleep: keep, wake: swap };
  if (state === 'awake') return { state, sleep: swap, wake: keep };
  // Moved by hand: wake puts the asleep rules after every forward rule, sleep before, the forward
  // rules keeping their order in the priorities that are left.
  const values = all.map((r) => r.priority);
  const inOrder = (first: readonly RulePriority[], then: readonly RulePriority[]) => [...first, ...then].map((r, i) => ({ arn: r.arn, priority: values[i] }));
  const fwd = all.filter((r) => !asleepArns.has(r.arn));
  const slp = all.filter((r) => asleepArns.has(r.arn));
  return { state, sleep: inOrder(slp, fwd), wake: inOrder(fwd, slp) };
}

/** Only the entries whose priority changes (SetRulePriorities with nothing to do is skipped). */
export function changedPriorities(target: readonly RulePriority[], current: readonly RulePriority[]): RulePriority[] {
  const now = new Map(current.map((r) => [r.arn, r.priority]));
  return target.filter((r) => now.get(r.arn) !== r.priority);
}
