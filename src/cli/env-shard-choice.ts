/**
 * The CLI side of shard placement: reads the env's own state and, for a new env, the tier's states
 * straight from the state bucket (or local mode's store), and says where the env went.
 */
import { BASE_USE_OF_SHARD_ONE, chooseShard, ShardChoice } from '../capacity/choose-shard';
import { envNeeds } from '../capacity/env-needs';
import { LoadedEnv } from '../env/prepare-env';
import { planServices } from '../env/plan-services';
import { envsThatFit } from '../capacity/place-env';
import { UserError } from '../errors/user-error';
import { listEnvStates, readEnvState, s3ClientFor, StateBucketAccess } from '../state/env-states';

export interface EnvShardInput {
  readonly env: LoadedEnv;
  /** Image of every service (placement counts routes, not images; any value does). */
  readonly images: Readonly<Record<string, string>>;
  /** `--shard` */
  readonly asked?: number;
  readonly creates: boolean;
  readonly access: StateBucketAccess;
  /** The env's state key. */
  readonly key: string;
}

export async function envShardChoice(input: EnvShardInput): Promise<{ choice: ShardChoice; notes: string[] }> {
  const { env } = input;
  const shards = env.base.ingress?.shards ?? 1;
  const needs = envNeeds(planServices({ base: env.base, set: env.set, env: env.name, images: input.images }));
  let client: Awaited<ReturnType<typeof s3ClientFor>> | undefined;
  const s3 = async () => (client ??= await s3ClientFor(input.access));
  const choice = await chooseShard({
    shards,
    asked: input.asked,
    creates: input.creates,
    needs,
    baseFile: `${env.base.tier}/base.ts`,
    states: {
      own: () => readingStates(input.access, async () => readEnvState(await s3(), input.access.bucket, input.key)),
      tier: () => readingStates(input.access, async () => listEnvStates(await s3(), input.access.bucket, `${env.base.tier}/services/`)),
    },
  });
  const notes: string[] = [];
  if (choice.how === 'placed' && choice.use) {
    const room = choice.use.map((u) => `${u.shard}: ${u.listenerRules} rules, ${u.targetGroups} target groups`).join('; ');
    const fits = envsThatFit(choice.use[choice.shard - 1], needs, choice.shard === 1 ? BASE_USE_OF_SHARD_ONE : { rules: 0, targetGroups: 0 });
    notes.push(`new env: placed on ingress shard ${choice.shard} of ${shards}, room for ${fits} env(s) like it there (in use on shard ${room}); it stays there`);
  }
  if (choice.unreadable && choice.unreadable.length > 0) {
    notes.push(`placement did not count ${choice.unreadable.length} state(s) it could not read: ${choice.unreadable.join(', ')}`);
  }
  return { choice, notes };
}

/** A failure to read the state bucket, as a message that says what placement needed and the ways out. */
async function readingStates<T>(access: StateBucketAccess, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(
      `could not read the state bucket ${access.bucket} to place the env on an ingress shard: ${(error as Error).message}`,
      'check your AWS credentials and network (the same access terraform needs for the state), or pass --shard N when you know the env\'s shard',
    );
  }
}
