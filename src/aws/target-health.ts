/**
 * Health of the targets in an env's target groups, by target group name: DescribeTargetGroups
 * (one name per call, so one missing group does not hide the others) then DescribeTargetHealth.
 * IAM: elasticloadbalancing:DescribeTargetGroups, elasticloadbalancing:DescribeTargetHealth.
 */
import { DescribeTargetGroupsCommand, DescribeTargetHealthCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

export interface TargetState {
  /** Task IP (target type ip) or instance id. */
  readonly id: string;
  readonly port?: number;
  /** initial, healthy, unhealthy, unused, draining, unavailable, … */
  readonly state: string;
  readonly reason?: string;
  readonly description?: string;
}

export interface TargetGroupHealth {
  readonly name: string;
  /** False when no target group has this name. */
  readonly found: boolean;
  readonly arn?: string;
  readonly targets: readonly TargetState[];
}

export async function targetGroupHealth(client: ElasticLoadBalancingV2Client, names: readonly string[]): Promise<TargetGroupHealth[]> {
  return Promise.all(names.map((name) => oneGroup(client, name)));
}

async function oneGroup(client: ElasticLoadBalancingV2Client, name: string): Promise<TargetGroupHealth> {
  let arn: string | undefined;
  try {
    const groups = await client.send(new DescribeTargetGroupsCommand({ Names: [name] }));
    arn = groups.TargetGroups?.[0]?.TargetGroupArn;
  } catch (error) {
    if ((error as { name?: string }).name === 'TargetGroupNotFoundException') return { name, found: false, targets: [] };
    throw error;
  }
  if (!arn) return { name, found: false, targets: [] };
  const health = await client.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn }));
  return {
    name,
    found: true,
    arn,
    targets: (health.TargetHealthDescriptions ?? []).map((d) => ({
      id: d.Target?.Id ?? '',
      port: d.Target?.Port,
      state: d.TargetHealth?.State ?? 'unknown',
      reason: d.TargetHealth?.Reason,
      description: d.TargetHealth?.Description,
    })),
  };
}
