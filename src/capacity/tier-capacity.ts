/**
 * What a tier's base has used of its limits, from its envs' states: per ingress shard (listener
 * rules, target groups, envs), and per account and region (Fargate vCPUs on demand and on Spot
 * against the quotas, Cloud Map instances against the namespace limit). `env capacity` prints it.
 */
import type { EnvState } from '../state/env-states';
import { AWS_LIMITS } from './aws-limits';
import { BASE_USE_OF_SHARD_ONE } from './choose-shard';
import type { FargateQuotas } from './check-capacity';
import { shardUse } from './place-env';

export interface UsedOf {
  readonly used: number;
  /** undefined: not known (local mode, or Service Quotas could not be read). */
  readonly limit?: number;
}

export interface ShardCapacity {
  readonly shard: number;
  readonly envs: number;
  readonly listenerRules: UsedOf;
  readonly targetGroups: UsedOf;
}

export interface TierCapacity {
  readonly tier: string;
  readonly envs: number;
  readonly shards: readonly ShardCapacity[];
  readonly account: {
    readonly fargateOnDemandVcpus: UsedOf;
    readonly fargateSpotVcpus: UsedOf;
    readonly cloudMapInstances: UsedOf;
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

export function tierCapacity(input: { tier: string; shards: number; states: readonly EnvState[]; quotas: FargateQuotas }): TierCapacity {
  const live = input.states.filter((s) => s.resources > 0);
  const sum = (pick: (s: EnvState) => number) => round(live.reduce((n, s) => n + pick(s), 0));
  return {
    tier: input.tier,
    envs: live.length,
    shards: shardUse(input.shards, live).map((u) => {
      const base = u.shard === 1 ? BASE_USE_OF_SHARD_ONE : { rules: 0, targetGroups: 0 };
      return {
        shard: u.shard,
        envs: live.filter((s) => s.shard === u.shard).length,
        listenerRules: { used: u.listenerRules + base.rules, limit: AWS_LIMITS.rulesPerLoadBalancer.value },
        targetGroups: { used: u.targetGroups + base.targetGroups, limit: AWS_LIMITS.targetGroupsPerLoadBalancer.value },
      };
    }),
    account: {
      fargateOnDemandVcpus: { used: sum((s) => s.fargate.onDemandVcpus), limit: input.quotas.onDemandVcpus },
      fargateSpotVcpus: { used: sum((s) => s.fargate.spotVcpus), limit: input.quotas.spotVcpus },
      cloudMapInstances: { used: sum((s) => s.fargate.tasks), limit: AWS_LIMITS.instancesPerCloudMapNamespace.value },
    },
  };
}

/** The report as text: one line per shard, then the account's lines. */
export function tierCapacityText(capacity: TierCapacity): string {
  const of = (u: UsedOf) => `${u.used}/${u.limit ?? '?'}${u.limit ? ` (${Math.round((u.used / u.limit) * 100)}%)` : ''}`;
  const lines = [`${capacity.tier}: ${capacity.envs} live env(s) on ${capacity.shards.length} ingress shard(s)`];
  for (const s of capacity.shards) {
    lines.push(`  shard ${s.shard}: ${s.envs} env(s), listener rules ${of(s.listenerRules)}, target groups ${of(s.targetGroups)}`);
  }
  lines.push(
    `  account: Fargate on-demand vCPUs ${of(capacity.account.fargateOnDemandVcpus)}, Fargate Spot vCPUs ${of(capacity.account.fargateSpotVcpus)}, Cloud Map instances ${of(capacity.account.cloudMapInstances)}`,
  );
  return lines.join('\n');
}
