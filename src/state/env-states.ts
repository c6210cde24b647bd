/**
 * The envs that have state in the bucket, read straight from S3: one state file per env at
 * `<tier>/services/<set>/<env>/terraform.tfstate`. Used by list, reap and the base-drop guard.
 */
import type { S3Client } from '@aws-sdk/client-s3';

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
  /** Number of resources in the state (0 for an env dropped but not cleaned up). */
  readonly resources: number;
}

export async function s3ClientFor(access: StateBucketAccess): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client({
    region: access.region,
    ...(access.endpoint
      ? { endpoint: access.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
      : {}),
  });
}

const KEY = /^([^/]+)\/services\/([^/]+)\/([^/]+)\/terraform\.tfstate$/;

/** Every env state under `<prefix>` (e.g. `stage/services/` or `stage/services/demo/`). */
export async function listEnvStates(client: S3Client, bucket: string, prefix: string): Promise<EnvState[]> {
  const { ListObjectsV2Command, GetObjectCommand } = await import('@aws-sdk/client-s3');
  const found: { key: string; lastModified: Date }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key && KEY.test(o.Key)) found.push({ key: o.Key, lastModified: o.LastModified ?? new Date(0) });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return Promise.all(
    found.map(async ({ key, lastModified }) => {
      const [, tier, set, env] = KEY.exec(key)!;
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const state = JSON.parse((await object.Body?.transformToString()) ?? '{}') as {
        outputs?: Record<string, { value: unknown }>;
        resources?: unknown[];
      };
      const expires = state.outputs?.expires_on?.value;
      return { tier, set, env, key, lastModified, expiresOn: typeof expires === 'string' ? expires : undefined, resources: state.resources?.length ?? 0 };
    }),
  );
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
