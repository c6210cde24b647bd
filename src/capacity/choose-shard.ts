/**
 * The ingress shard an env is synthesized for, before any Terraform runs: the shard asked for, else
 * the one its state records (an env never moves), else, for a command that creates it, the shard
 * with most room among the tier's envs (place-env). A base with one shard needs no state at all.
 */
import type { EnvState, EnvStateListing } from '../state/env-states';
import { EnvNeeds } from './env-needs';
import { placeEnv, shardUse, ShardUse } from './place-env';

/** What the base keeps on shard 1 itself: Grafana's host rule and target group. */
export const BASE_USE_OF_SHARD_ONE = { rules: 1, targetGroups: 1 } as const;

/** Reads the states placement needs, only when it needs them. */
export interface StateReader {
  /** The env's own state, or undefined when it has none. */
  own(): Promise<EnvState | undefined>;
  /** Every env state of the tier. */
  tier(): Promise<EnvStateListing>;
}

export interface ShardChoiceInput {
  /** Ingress shards of the base. */
  readonly shards: number;
  /** `--shard`, validated by the caller. */
  readonly asked?: number;
  /** The command may create the env (plan, apply); otherwise an env without state stays on shard 1. */
  readonly creates: boolean;
  readonly states: StateReader;
  readonly needs: Pick<EnvNeeds, 'listenerRules' | 'targetGroups'>;
  /** For messages: the base definition file. */
  readonly baseFile: string;
}

export interface ShardChoice {
  readonly shard: number;
  /** `only`: the base has one shard; `asked`: --shard; `recorded`: the env's state; `placed`: chosen now; `unplaced`: no state, and the command does not create. */
  readonly how: 'only' | 'asked' | 'recorded' | 'placed' | 'unplaced';
  /** Use of every shard before this env, when it was placed. */
  readonly use?: readonly ShardUse[];
  /** States that could not be read while placing: their envs were not counted. */
  readonly unreadable?: readonly string[];
}

export async function chooseShard(input: ShardChoiceInput): Promise<ShardChoice> {
  if (input.shards <= 1) return { shard: 1, how: 'only' };
  if (input.asked !== undefined) return { shard: input.asked, how: 'asked' };
  const own = await input.states.own();
  // A dropped env keeps an empty state: it holds nothing on any shard, so it is placed afresh.
  if (own && own.resources > 0) return { shard: own.shard, how: 'recorded' };
  if (!input.creates) return { shard: 1, how: 'unplaced' };
  const listing = await input.states.tier();
  const others = listing.states.filter((s) => !own || s.key !== own.key);
  const use = shardUse(input.shards, others);
  const shard = placeEnv({ use, needs: input.needs, shardOneReserved: BASE_USE_OF_SHARD_ONE, baseFile: input.baseFile });
  return { shard, how: 'placed', use, unreadable: listing.unreadable.map((u) => u.key) };
}
