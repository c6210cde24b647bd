/**
 * An env's listener rules on its shard, found by name like `env status` finds its target groups:
 * the env's target groups → their load balancer → its HTTPS listener → the rules that forward to
 * the env's target groups, and the asleep rules (a fixed response starting with ASLEEP_HEADLINE)
 * for the env's hosts. Reads only; `setPriorities` is the one write.
 */
import type { ElasticLoadBalancingV2Client, Rule } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeListenersCommand, DescribeRulesCommand, DescribeTargetGroupsCommand, SetRulePrioritiesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { UserError } from '../errors/user-error';
import { ASLEEP_HEADLINE } from './sleep-names';
import { RulePriority } from './rule-swap';

export interface EnvRules {
  readonly listenerArn: string;
  readonly forward: readonly RulePriority[];
  readonly asleep: readonly RulePriority[];
}

export interface EnvRulesQuery {
  readonly env: string;
  /** Target group names of the env's public services. */
  readonly targetGroups: readonly string[];
  /** Every public host of the env. */
  readonly hosts: readonly string[];
}

function hostValues(rule: Rule): string[] {
  return (rule.Conditions ?? []).filter((c) => c.Field === 'host-header').flatMap((c) => c.HostHeaderConfig?.Values ?? c.Values ?? []);
}

function forwardsTo(rule: Rule): string[] {
  return (rule.Actions ?? []).flatMap((a) => [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)]).filter((arn): arn is string => arn !== undefined);
}

const priorityOf = (rule: Rule): RulePriority => ({ arn: rule.RuleArn as string, priority: Number(rule.Priority) });

export async function findEnvRules(elb: ElasticLoadBalancingV2Client, query: EnvRulesQuery): Promise<EnvRules> {
  let groups;
  try {
    groups = (await elb.send(new DescribeTargetGroupsCommand({ Names: [...query.targetGroups] }))).TargetGroups ?? [];
  } catch (error) {
    if ((error as { name?: string }).name === 'TargetGroupNotFoundException') {
      throw new UserError(`${query.env} has no target groups on a load balancer (${query.targetGroups.join(', ')})`, 'apply the env first (env apply), or check the account, region and --tier');
    }
    throw error;
  }
  const groupArns = new Set(groups.map((g) => g.TargetGroupArn));
  const loadBalancer = groups.flatMap((g) => g.LoadBalancerArns ?? [])[0];
  if (!loadBalancer) throw new UserError(`${query.env}'s target groups are on no load balancer`, 'apply the env again (env apply): its listener rules are missing');
  const listeners = (await elb.send(new DescribeListenersCommand({ LoadBalancerArn: loadBalancer }))).Listeners ?? [];
  const https = listeners.find((l) => l.Protocol === 'HTTPS') ?? listeners.find((l) => l.Port === 443);
  if (!https?.ListenerArn) throw new UserError(`the load balancer of ${query.env} has no HTTPS listener`, 'check the base (env synth base): every ingress shard has one');
  const rules: Rule[] = [];
  let marker: string | undefined;
  do {
    const page = await elb.send(new DescribeRulesCommand({ ListenerArn: https.ListenerArn, Marker: marker, PageSize: 400 }));
    rules.push(...(page.Rules ?? []));
    marker = page.NextMarker;
  } while (marker);
  const hosts = new Set(query.hosts);
  const numbered = rules.filter((r) => !r.IsDefault && r.RuleArn && /^\d+$/.test(String(r.Priority)));
  const forward = numbered.filter((r) => forwardsTo(r).some((arn) => groupArns.has(arn)));
  const asleep = numbered.filter((r) => {
    const body = (r.Actions ?? []).find((a) => a.Type === 'fixed-response')?.FixedResponseConfig?.MessageBody ?? '';
    const values = hostValues(r);
    return body.startsWith(ASLEEP_HEADLINE) && values.length > 0 && values.every((h) => hosts.has(h));
  });
  return { listenerArn: https.ListenerArn, forward: forward.map(priorityOf), asleep: asleep.map(priorityOf) };
}

/** One SetRulePriorities call: AWS applies the whole set at once, so swapped priorities never collide. */
export async function setPriorities(elb: ElasticLoadBalancingV2Client, priorities: readonly RulePriority[]): Promise<void> {
  if (priorities.length === 0) return;
  await elb.send(new SetRulePrioritiesCommand({ RulePriorities: priorities.map((p) => ({ RuleArn: p.arn, Priority: p.priority })) }));
}
