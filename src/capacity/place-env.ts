/**
 * Where a new env goes: the ingress shard with the most room for it, counted from the envs already
 * on each shard (their states) and the load balancer limits. Deterministic: ties go to the lowest
 * shard. An env already placed never moves (the caller keeps its recorded shard).
 */
import { UserError } from '../errors/user-error';
import { AWS_LIMITS } from './aws-limits';
import { EnvNeeds } from './env-needs';

export interface ShardUse {
  readonly shard: number;
  readonly listenerRules: number;
  readonly targetGroups: number;
}

/** Listener rules and target groups in use on each of `shards` shards, from the envs' states. */
export function shardUse(shards: number, envs: readonly { shard: number; ingress: { listenerRules: number; targetGroups: number } }[]): ShardUse[] {
  return Array.from({ length: shards }, (_, i) => {
    const on = envs.filter((e) => e.shard === i + 1);
    return {
      shard: i + 1,
      listenerRules: on.reduce((n, e) => n + e.ingress.listenerRules, 0),
      targetGroups: on.reduce((n, e) => n + e.ingress.targetGroups, 0),
    };
  });
}

/** How many more envs like this one fit on a shard (Infinity for an env with no public route). */
export function envsThatFit(use: ShardUse, needs: Pick<EnvNeeds, 'listenerRules' | 'targetGroups'>, reserved: { rules: number; targetGroups: number }): number {
  const fit = (limit: number, used: number, need: number) => (need === 0 ? Infinity : Math.floor((limit - used) / need));
  return Math.min(
    fit(AWS_LIMITS.rulesPerLoadBalancer.value - reserved.rules, use.listenerRules, needs.listenerRules),
    fit(AWS_LIMITS.targetGroupsPerLoadBalancer.value - reserved.targetGroups, use.targetGroups, needs.targetGroups),
  );
}

export interface PlaceInput {
  readonly use: readonly ShardUse[];
  readonly needs: Pick<EnvNeeds, 'listenerRules' | 'targetGroups'>;
  /** Rules and target groups the base itself keeps on shard 1 (Grafana's host route). */
  readonly shardOneReserved: { readonly rules: number; readonly targetGroups: number };
  /** For the message: the base definition file. */
  readonly baseFile: string;
}

export function placeEnv(input: PlaceInput): number {
  const room = input.use.map((u) => ({ shard: u.shard, fits: envsThatFit(u, input.needs, u.shard === 1 ? input.shardOneReserved : { rules: 0, targetGroups: 0 }) }));
  const best = room.reduce((a, b) => (b.fits > a.fits ? b : a));
  if (best.fits < 1) {
    const used = input.use.map((u) => `shard ${u.shard}: ${u.listenerRules}/${AWS_LIMITS.rulesPerLoadBalancer.value} rules, ${u.targetGroups}/${AWS_LIMITS.targetGroupsPerLoadBalancer.value} target groups`).join('; ');
    throw new UserError(
      `no ingress shard has room for this env (${input.needs.listenerRules} listener rules, ${input.needs.targetGroups} target groups): ${used}`,
      `raise ingress.shards in ${input.baseFile} and apply the base, or drop envs nobody uses (env reap)`,
    );
  }
  return best.shard;
}
