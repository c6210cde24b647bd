/**
 * The CLI side of placement and capacity, before synthesis: reads the env's own state and, for a
 * new env, the tier's states straight from the state bucket (or local mode's store), picks the
 * env's ingress shard, and refuses a new env its base has no room for (check-capacity), with the
 * account's Fargate quotas from Service Quotas outside local mode.
 */
import { BASE_USE_OF_SHARD_ONE, chooseShard, ShardChoice } from '../capacity/choose-shard';
import { checkCapacity, FargateQuotas } from '../capacity/check-capacity';
import { envNeeds } from '../capacity/env-needs';
import { envsThatFit, shardUse } from '../capacity/place-env';
import { LoadedEnv } from '../env/prepare-env';
import { planServices } from '../env/plan-services';
import { UserError } from '../errors/user-error';
import { EnvState, EnvStateListing, listEnvStates, readEnvState, s3ClientFor, StateBucketAccess } from '../state/env-states';

export interface EnvShardInput {
  readonly env: LoadedEnv;
  /** Image of every service (placement counts routes, not images; any value does). */
  readonly images: Readonly<Record<string, string>>;
  /** `--shard` */
  readonly asked?: number;
  /** plan, apply: the command may create the env, so a new env is placed and checked. */
  readonly creates: boolean;
  readonly access: StateBucketAccess;
  /** The env's state key. */
  readonly key: string;
  /** The account's Fargate quotas, read only for a new env; undefined: not checked (local mode). */
  readonly quotas?: () => Promise<FargateQuotas & { readonly unknown: readonly string[] }>;
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}

export async function envShardChoice(input: EnvShardInput): Promise<{ choice: ShardChoice; notes: string[] }> {
  const { env, access } = input;
  const shards = env.base.ingress?.shards ?? 1;
  const needs = envNeeds(planServices({ base: env.base, set: env.set, env: env.name, images: input.images }), { sleeps: env.base.sleep !== undefined });
  let client: Awaited<ReturnType<typeof s3ClientFor>> | undefined;
  const s3 = async () => (client ??= await s3ClientFor(access));
  const own = once(() => readingStates(access, async () => readEnvState(await s3(), access.bucket, input.key)));
  const tier = once(() => readingStates(access, async () => listEnvStates(await s3(), access.bucket, `${env.base.tier}/services/`)));
  const baseFile = `${env.base.tier}/base.ts`;
  const choice = await chooseShard({ shards, asked: input.asked, creates: input.creates, needs, baseFile, states: { own, tier } });

  const notes: string[] = [];
  if (choice.how === 'placed' && choice.use) {
    const use = choice.use[choice.shard - 1];
    const base = choice.shard === 1 ? BASE_USE_OF_SHARD_ONE : { rules: 0, targetGroups: 0 };
    const fits = envsThatFit(use, needs, base);
    notes.push(
      `new env: placed on ingress shard ${choice.shard} of ${shards}, the one with most room (${use.listenerRules + base.rules}/100 rules, ${use.targetGroups + base.targetGroups}/100 target groups in use; room for ${fits} env(s) like it); it stays there (env capacity shows every shard)`,
    );
  }
  if (input.creates && isNew(await own())) {
    const listing = await tier();
    notes.push(...(await capacityNotes(input, needs, choice.shard, listing, baseFile)));
  }
  return { choice, notes };
}

const isNew = (state: EnvState | undefined) => !state || state.resources === 0;

/** Refuses a new env that does not fit; the warnings and what was not checked, as notes. */
async function capacityNotes(input: EnvShardInput, needs: ReturnType<typeof envNeeds>, shard: number, listing: EnvStateListing, baseFile: string): Promise<string[]> {
  const { env } = input;
  const others = listing.states.filter((s) => s.key !== input.key);
  const quotas = input.quotas ? await input.quotas() : undefined;
  const verdict = checkCapacity({
    needs,
    shard,
    use: shardUse(env.base.ingress?.shards ?? 1, others),
    others,
    quotas: quotas ?? {},
    // As the env stack runs them: stage tasks on Fargate Spot, others on demand.
    spot: env.base.tier === 'stage',
    baseFile,
    setFile: `${env.base.tier}/services/${env.set.name}.ts`,
  });
  if (verdict.refusal) throw verdict.refusal;
  const notes = verdict.warnings.map((w) => `capacity: ${w}`);
  if (listing.unreadable.length > 0) notes.push(`capacity: ${listing.unreadable.length} state(s) could not be read and were not counted: ${listing.unreadable.map((u) => u.key).join(', ')}`);
  for (const why of quotas?.unknown ?? []) notes.push(`capacity: Fargate quota not checked (${why})`);
  return notes;
}

/** A failure to read the state bucket, as a message that says what placement needed and the ways out. */
async function readingStates<T>(access: StateBucketAccess, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `could not read the state bucket ${access.bucket} to place the env on an ingress shard and check its capacity: ${(error as Error).message}`,
      'check your AWS credentials and network: terraform needs the same access to the state',
    );
  }
}
