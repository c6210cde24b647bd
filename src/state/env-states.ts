/**
 * The envs that have state in the bucket, read straight from S3: one state file per env at
 * `<tier>/services/<set>/<env>/terraform.tfstate`. Used by list, reap and the base-drop guard.
 * A corrupt state object is reported by key and never hides the others.
 */
import { boundedClient } from '../aws/bounded-client';
import type { S3Client } from '@aws-sdk/client-s3';
import { limitConcurrency } from '../concurrency/limit-concurrency';
import { PageGuard } from '../net/page-guard';
import { UserError } from '../errors/user-error';
import { FargateUse, fargateUse } from './fargate-use';

export interface StateBucketAccess {
  readonly bucket: string;
  readonly region: string;
  /** S3-compatible endpoint (local mode). */
  readonly endpoint?: string;
}

export interface EnvState {
  readonly tier: string;
  readonly set: string;
  readonly env: string;
  readonly key: string;
  readonly lastModified: Date;
  /** `expires_on` output of the env, when its state has one. */
  readonly expiresOn?: string;
  /** `branch` output of the env: the branch that owns it, when its state has one. */
  readonly branch?: string;
  /** Number of resources in the state (0 for an env dropped but not cleaned up). */
  readonly resources: number;
  /** `shard` output: the ingress shard the env lives on (1 for envs from before shards). */
  readonly shard: number;
  /** What the env takes from its shard's load balancer: listener rules and target groups in its state. */
  readonly ingress: { readonly listenerRules: number; readonly targetGroups: number };
  /** Fargate tasks and vCPUs its services hold at their desired counts. */
  readonly fargate: FargateUse;
}

export async function s3ClientFor(access: StateBucketAccess): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  // Bounded like every network call: a silent endpoint fails within the timeout instead of hanging list, reap or drop-base.
  return new S3Client({
    region: access.region,
    ...boundedClient(),
    ...(access.endpoint
      ? { endpoint: access.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
      : {}),
  });
}

const KEY = /^([^/]+)\/services\/([^/]+)\/([^/]+)\/terraform\.tfstate$/;

/** At most this many state objects are fetched at once (a bucket may hold hundreds of envs). */
const READ_CONCURRENCY = 16;

/** A state object that is not a Terraform state (not JSON, truncated, wrong shape); names its key. */
export class CorruptStateError extends UserError {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`${key}: not a Terraform state (${reason})`, 'restore an earlier version of the object (the bucket is versioned) or delete it');
    this.name = 'CorruptStateError';
  }
}

/** A state `list`, `reap` and `drop-base` found but could not read; the others are still used. */
export interface UnreadableState {
  readonly key: string;
  /** `<key>: not a Terraform state (<reason>)` */
  readonly message: string;
}

export interface EnvStateListing {
  /** Readable env states, in key order. */
  readonly states: EnvState[];
  /** Corrupt state objects, in key order. */
  readonly unreadable: UnreadableState[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The env state stored at `key` (an env state key), from the object's text; throws CorruptStateError when it is not a Terraform state. */
export function parseEnvState(key: string, lastModified: Date, text: string): EnvState {
  const match = KEY.exec(key);
  if (!match) throw new Error(`${key} is not an env state key (<tier>/services/<set>/<env>/terraform.tfstate)`);
  const [, tier, set, env] = match;
  let state: unknown;
  try {
    state = JSON.parse(text);
  } catch (error) {
    // Never the parser's message: it quotes the text around the fault, and states hold secrets.
    const at = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new CorruptStateError(key, `not valid JSON${at ? ` (at byte ${at})` : ''}`);
  }
  if (!isRecord(state)) throw new CorruptStateError(key, `a JSON ${state === null ? 'null' : Array.isArray(state) ? 'array' : typeof state}, not an object`);
  if (typeof state.version !== 'number') throw new CorruptStateError(key, 'no numeric "version"');
  if (state.outputs !== undefined && !isRecord(state.outputs)) throw new CorruptStateError(key, '"outputs" is not an object');
  if (state.resources !== undefined && !Array.isArray(state.resources)) throw new CorruptStateError(key, '"resources" is not a list');
  const output = (name: string): string | undefined => {
    const entry = (state as { outputs?: Record<string, unknown> }).outputs?.[name];
    return isRecord(entry) && typeof entry.value === 'string' ? entry.value : undefined;
  };
  const resources = (state.resources as unknown[] | undefined) ?? [];
  const shard = (state.outputs as Record<string, unknown> | undefined)?.shard;
  const shardValue = isRecord(shard) && typeof shard.value === 'number' && Number.isInteger(shard.value) && shard.value >= 1 ? shard.value : 1;
  return {
    tier,
    set,
    env,
    key,
    lastModified,
    expiresOn: output('expires_on'),
    branch: output('branch'),
    resources: resources.length,
    shard: shardValue,
    ingress: { listenerRules: instancesOf(resources, 'aws_lb_listener_rule'), targetGroups: instancesOf(resources, 'aws_lb_target_group') },
    fargate: fargateUse(resources),
  };
}

/** Instances of managed resources of `type` in a state's resource list. */
function instancesOf(resources: readonly unknown[], type: string): number {
  return resources
    .filter((r): r is Record<string, unknown> => isRecord(r) && r.type === type && r.mode !== 'data')
    .reduce((total, r) => total + (Array.isArray(r.instances) ? r.instances.length : 1), 0);
}

/** The env state at `key`, or undefined when there is no such object. */
export async function readEnvState(client: S3Client, bucket: string, key: string): Promise<EnvState | undefined> {
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  let object;
  try {
    object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return undefined;
    throw error;
  }
  return parseEnvState(key, object.LastModified ?? new Date(0), (await object.Body?.transformToString()) ?? '');
}

/** Every env state under `<prefix>` (e.g. `stage/services/` or `stage/services/demo/`); corrupt ones are listed apart. */
export async function listEnvStates(client: S3Client, bucket: string, prefix: string): Promise<EnvStateListing> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
  const keys: string[] = [];
  let token: string | undefined;
  const guard = new PageGuard({ label: `state bucket ${bucket}`, what: 'object list', maxPages: 10_000 });
  do {
    guard.visit(token ?? '');
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key && KEY.test(o.Key)) keys.push(o.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  const limit = limitConcurrency(READ_CONCURRENCY);
  const states: EnvState[] = [];
  const unreadable: UnreadableState[] = [];
  await Promise.all(
    keys.map((key) =>
      limit(async () => {
        try {
          const state = await readEnvState(client, bucket, key);
          if (state) states.push(state); // else deleted since the listing
        } catch (error) {
          if (!(error instanceof CorruptStateError)) throw error;
          unreadable.push({ key, message: error.message });
        }
      }),
    ),
  );
  const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
  return { states: states.sort(byKey), unreadable: unreadable.sort(byKey) };
}

/** Envs `reap` would drop: expired, or unchanged for longer than `olderThanMs`; never protected ones. */
export function envsToReap(states: readonly EnvState[], now: Date, olderThanMs: number | undefined, protectedEnvs: readonly string[]): { state: EnvState; why: string }[] {
  const today = now.toISOString().slice(0, 10);
  return states.flatMap((state) => {
    if (protectedEnvs.includes(state.env) || state.resources === 0) return [];
    if (state.expiresOn && state.expiresOn < today) return [{ state, why: `expired on ${state.expiresOn}` }];
    const age = now.getTime() - state.lastModified.getTime();
    if (olderThanMs !== undefined && age > olderThanMs) return [{ state, why: `unchanged for ${Math.floor(age / 86_400_000)} days` }];
    return [];
  });
}
