import * as path from 'node:path';
import { loadBase } from '../definitions/tiers';
import { LOCAL_REGION, LOCAL_STATE_BUCKET } from '../local/local-s3';
import { EnvState, listEnvStates, s3ClientFor } from '../state/env-states';
import type { ListArgs } from './commands/list';
import { startLocalStateStore } from './terraform-setup';

/** Runs `work` with the env states of a tier (and set), from the tier's bucket or the local store. */
export async function withEnvStates<T>(args: ListArgs, work: (states: EnvState[]) => Promise<T>): Promise<T> {
  const base = loadBase(args.tier);
  const local = args.local ? await startLocalStateStore(path.resolve(args.out)) : undefined;
  try {
    const access = local ? { bucket: LOCAL_STATE_BUCKET, region: LOCAL_REGION, endpoint: local.endpoint } : { bucket: base.state.bucket, region: base.state.region };
    const client = await s3ClientFor(access);
    const prefix = `${args.tier}/services/${args.set ? `${args.set}/` : ''}`;
    const states = (await listEnvStates(client, access.bucket, prefix)).sort((a, b) => a.key.localeCompare(b.key));
    return await work(states);
  } finally {
    await local?.close();
  }
}
