/**
 * `terraform init` in folders that share one plugin cache. Terraform's cache is not safe for
 * concurrent use: an init without a lock file installs the provider into the cache again (it
 * removes and re-creates the cache entry), and a plan or test in another folder linked to that
 * entry fails meanwhile with "could not read package directory". So inits take turns (a lock file
 * in the cache, between processes too), and a folder without a lock file gets the one an earlier
 * init wrote for the same required providers and CLI configuration: with it, init links the cached
 * provider and leaves the cache entry alone. Both live beside the cache (`<cache>.branchenv/`), out
 * of the folder terraform scans.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { waitForFileLock } from '../concurrency/file-lock';
import { LOCK_FILE } from './installed-providers';

/** How long an init waits for other inits on the same cache before it gives up. */
const INIT_TURN_TIMEOUT_MS = 10 * 60_000;

/** The `plugin_cache_dir` a CLI configuration written by writeCliConfig names, if any. */
export function pluginCacheDirOf(cliConfigFile: string): string | undefined {
  const line = /^plugin_cache_dir = (".*")$/m.exec(fs.readFileSync(cliConfigFile, 'utf8'));
  return line ? (JSON.parse(line[1]) as string) : undefined;
}

/** Runs `init` (a terraform init in `dir`) in its turn on the plugin cache, seeding the lock file first. */
export async function initSharingPluginCache<T>(dir: string, cliConfigFile: string, init: () => Promise<T>): Promise<T> {
  const cacheDir = pluginCacheDirOf(cliConfigFile);
  if (!cacheDir) return init();
  const ours = `${cacheDir.replace(/[\\/]+$/, '')}.branchenv`;
  fs.mkdirSync(ours, { recursive: true });
  const lockPath = path.join(ours, 'init.lock');
  const lock = await waitForFileLock(lockPath, {
    timeoutMs: INIT_TURN_TIMEOUT_MS,
    onTimeout: (holder) =>
      new Error(`terraform init waited ${INIT_TURN_TIMEOUT_MS / 60_000} min for another init on the plugin cache ${cacheDir} (pid ${holder?.pid ?? 'unknown'}); stop it or remove ${lockPath}`),
  });
  try {
    const seed = seedFile(ours, dir, cliConfigFile);
    const lockFile = path.join(dir, LOCK_FILE);
    if (seed && !fs.existsSync(lockFile) && fs.existsSync(seed)) fs.copyFileSync(seed, lockFile);
    const result = await init();
    if (seed && fs.existsSync(lockFile)) {
      fs.mkdirSync(path.dirname(seed), { recursive: true });
      const temp = `${seed}.${process.pid}`;
      fs.copyFileSync(lockFile, temp);
      fs.renameSync(temp, seed);
    }
    return result;
  } finally {
    lock.release();
  }
}

/**
 * Where the lock file for the folder's required providers under this CLI configuration (sources,
 * mirror content) is kept; undefined when the folder has no cdk.tf.json to read them from.
 */
function seedFile(ours: string, dir: string, cliConfigFile: string): string | undefined {
  const stackFile = path.join(dir, 'cdk.tf.json');
  if (!fs.existsSync(stackFile)) return undefined;
  const json = JSON.parse(fs.readFileSync(stackFile, 'utf8')) as { terraform?: { required_providers?: unknown } };
  const key = createHash('sha256')
    .update(fs.readFileSync(cliConfigFile))
    .update(JSON.stringify(json.terraform?.required_providers ?? {}))
    .digest('hex')
    .slice(0, 32);
  return path.join(ours, 'lock-files', `${key}.lock.hcl`);
}
