/**
 * The ingress shard an env lives on, read from the base contract: its HTTPS listener, its load
 * balancer's security group and DNS name. Shard 1 reads the singular outputs, as before shards
 * existed, so its envs' plans do not change; shard n > 1 the n-th element of the list outputs.
 */
import { Fn } from 'cdktf';
import { HostRecord } from '../../modules/ingress/host-records';
import { BaseDefinition } from '../definitions/base-definition';
import { PlannedService } from '../env/plan-services';
import { BaseRemoteState } from './base-remote-state';

export interface ShardIngress {
  readonly shard: number;
  readonly listenerArn: string;
  readonly securityGroupId: string;
  readonly dnsName: string;
  readonly zoneId: string;
}

export function shardIngress(baseState: BaseRemoteState, base: BaseDefinition, shard: number): ShardIngress {
  const shards = base.ingress?.shards ?? 1;
  if (!Number.isInteger(shard) || shard < 1 || shard > shards) {
    throw new Error(`shard ${shard} is not a shard of the ${base.tier} base (1 to ${shards})`);
  }
  type ListOutput = 'https_listener_arns' | 'load_balancer_security_group_ids' | 'load_balancer_dns_names' | 'load_balancer_zone_ids';
  const nth = (list: ListOutput) => Fn.element(baseState.get(list), shard - 1) as string;
  return shard === 1
    ? {
        shard,
        listenerArn: baseState.get('https_listener_arn'),
        securityGroupId: baseState.get('load_balancer_security_group_id'),
        dnsName: baseState.get('load_balancer_dns_name'),
        zoneId: baseState.get('load_balancer_zone_id'),
      }
    : {
        shard,
        listenerArn: nth('https_listener_arns'),
        securityGroupId: nth('load_balancer_security_group_ids'),
        dnsName: nth('load_balancer_dns_names'),
        zoneId: nth('load_balancer_zone_ids'),
      };
}

/** One DNS record per public host of the env: `env_host` for `<set>-<env>`, `<prefix>_host` for `<prefix>--<set>-<env>`. */
export function hostRecords(planned: readonly PlannedService[]): HostRecord[] {
  const hosts = [...new Set(planned.flatMap((p) => p.routes.map((r) => r.host)))];
  return hosts.map((host) => {
    const label = host.split('.')[0];
    const prefix = label.includes('--') ? label.split('--')[0] : 'env';
    return { id: `${prefix.replace(/-/g, '_')}_host`, host };
  });
}
