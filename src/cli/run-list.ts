import * as path from 'node:path';
import { loadBase } from '../definitions/tiers';
import { LOCAL_REGION, LOCAL_STATE_BUCKET } from '../local/local-s3';
import { EnvState, EnvStateListing, listEnvStates, s3ClientFor, UnreadableState } from '../state/env-states';
import type { ListArgs } from './command-args';
import { startLocalStateStore } from './terraform-setup';

/** Runs `work` with every env state of a tier (and set), readable or not, from the tier's bucket or the local store. */
export async function withEnvStateListing<T>(args: ListArgs, work: (listing: EnvStateListing) => Promise<T>): Promise<T> {
  const base = loadBase(args.tier);
  const local = args.local ? await startLocalStateStore(path.resolve(args.out)) : undefined;
  try {
    const access = local ? { bucket: LOCAL_STATE_BUCKET, region: LOCAL_REGION, endpoint: local.endpoint } : { bucket: base.state.bucket, region: base.state.region };
    const client = await s3ClientFor(access);
    const prefix = `${args.tier}/services/${args.set ? `${args.set}/` : ''}`;
    return await work(await listEnvStates(client, access.bucket, prefix));
  } finally {
    await local?.close();
  }
}

/** Prints one stderr line per state that could not be read and makes the run exit 1 (its listing is incomplete). */
export function reportUnreadable(unreadable: readonly UnreadableState[]): void {
  for (const u of unreadable) process.stderr.write(`env: skipped ${u.message}\n`);
  if (unreadable.length === 0) return;
  process.stderr.write(`     ${unreadable.length === 1 ? 'that state was' : `those ${unreadable.length} states were`} left out; restore an earlier version of the object (the bucket is versioned) or delete it\n`);
  if (typeof process.exitCode !== 'number' || process.exitCode === 0) process.exitCode = 1;
}

/**
 * Runs `work` with the readable env states of a tier (and set), in key order. A state that cannot
 * be read is reported on stderr by key (the run then exits 1) and does not hide the others.
 */
export async function withEnvStates<T>(args: ListArgs, work: (states: EnvState[]) => Promise<T>): Promise<T> {
  return withEnvStateListing(args, async ({ states, unreadable }) => {
    reportUnreadable(unreadable);
    return work(states);
  });
}
