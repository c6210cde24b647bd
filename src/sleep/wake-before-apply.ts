/**
 * An apply wakes a sleeping env: Terraform gives its services their task counts back, and this puts
 * its asleep rules back behind its forward rules first, so the hosts route to the services (the
 * smoke test then sees them) and a rule Terraform replaces never lands between swapped ones. The
 * env's listener rules and their priorities come from the plan's prior state: an env that is awake,
 * new, or from before sleep existed costs no AWS call.
 */
import * as fs from 'node:fs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { changedPriorities, planSwap, RulePriority } from './rule-swap';

export interface PlanState {
  readonly prior_state?: { readonly values?: { readonly root_module?: { readonly resources?: readonly { address: string; type: string; values?: { arn?: string; priority?: number } }[] } } };
}

/** The priorities that wake the env, from a plan's JSON (`terraform show -json plan.bin`); empty when it is awake. */
export function wakePrioritiesInPlan(plan: PlanState): RulePriority[] {
  const rules = (plan.prior_state?.values?.root_module?.resources ?? []).filter((r) => r.type === 'aws_lb_listener_rule' && r.values?.arn && typeof r.values.priority === 'number');
  const of = (r: (typeof rules)[number]): RulePriority => ({ arn: r.values!.arn!, priority: r.values!.priority! });
  const asleep = rules.filter((r) => r.address.startsWith('aws_lb_listener_rule.asleep_')).map(of);
  const forward = rules.filter((r) => !r.address.startsWith('aws_lb_listener_rule.asleep_')).map(of);
  if (asleep.length === 0 || forward.length < asleep.length) return [];
  const swap = planSwap(asleep, forward);
  return swap.state === 'awake' ? [] : changedPriorities(swap.wake, [...asleep, ...forward]);
}

/** Wakes the env's rules when the plan at `planJsonFile` finds it asleep; says so on `say`. */
export async function wakeBeforeApply(planJsonFile: string, region: string, say: (line: string) => void, elbFor?: (region: string) => Promise<ElasticLoadBalancingV2Client>): Promise<void> {
  const wake = wakePrioritiesInPlan(JSON.parse(fs.readFileSync(planJsonFile, 'utf8')) as PlanState);
  if (wake.length === 0) return;
  say('the env sleeps: its hosts route to the services again first (the apply starts them)');
  const [{ setPriorities }, { boundedClient }] = await Promise.all([import('./env-rules'), import('../aws/bounded-client')]);
  const elb = elbFor ? await elbFor(region) : new (await import('@aws-sdk/client-elastic-load-balancing-v2')).ElasticLoadBalancingV2Client({ region, ...boundedClient() });
  try {
    await setPriorities(elb, wake);
  } finally {
    elb.destroy();
  }
}
