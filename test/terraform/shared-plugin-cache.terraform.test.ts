import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeCliConfig } from '../../src/terraform/cli-config';
import { LOCK_FILE } from '../../src/terraform/installed-providers';
import { OFFLINE_PROVIDER_SETTINGS } from '../../src/terraform/offline-overrides';
import { initIfNeeded, plan, Workspace } from '../../src/terraform/workspace';

// Stack folders share one plugin cache. An init that re-installs the provider into the cache
// removes the entry other folders link to, and their plans fail meanwhile ("could not read package
// directory"); inits at once fail with "file exists". The real terraform runs over small stacks with
// providers from TF_PLUGIN_MIRROR and a cache of this test's own.
const mirror = process.env.TF_PLUGIN_MIRROR;
if (!mirror) console.warn('shared-plugin-cache tests skipped: TF_PLUGIN_MIRROR is not set (.ci/run sets it)');
const describeWithMirror = mirror ? describe : describe.skip;

function stackFolder(root: string, name: string): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  const json = {
    terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } }, backend: { local: { path: 'offline.tfstate' } } },
    provider: { aws: [{ region: 'eu-west-1', ...OFFLINE_PROVIDER_SETTINGS }] },
    resource: { aws_sqs_queue: { queue: { name: `branchenv-${name}` } } },
  };
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
  return dir;
}

/** The cache entries (platform folders or links) of the aws provider, with what identifies each copy. */
function cacheEntries(cache: string): Record<string, string> {
  const versions = path.join(cache, 'registry.terraform.io', 'hashicorp', 'aws');
  const entries: Record<string, string> = {};
  for (const version of fs.readdirSync(versions)) {
    for (const platform of fs.readdirSync(path.join(versions, version))) {
      const stat = fs.lstatSync(path.join(versions, version, platform));
      entries[`${version}/${platform}`] = `${stat.ino}:${stat.ctimeMs}`;
    }
  }
  return entries;
}

describeWithMirror('stack folders sharing a plugin cache', () => {
  let root: string;
  let config: string;
  const workspace = (dir: string): Workspace => ({ dir, cliConfigFile: config });

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-shared-cache-'));
    config = writeCliConfig(path.join(root, 'config'), { pluginMirror: mirror, pluginCacheDir: path.join(root, 'cache') });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('a later folder links the cached provider without installing it into the cache again', async () => {
    const first = stackFolder(root, 'first');
    await initIfNeeded(workspace(first));
    const before = cacheEntries(path.join(root, 'cache'));
    expect(Object.keys(before)).not.toHaveLength(0);

    await new Promise((resolve) => setTimeout(resolve, 20)); // a re-created entry would get a later ctime
    const second = stackFolder(root, 'second');
    await initIfNeeded(workspace(second));

    expect(cacheEntries(path.join(root, 'cache'))).toEqual(before);
    expect(fs.readFileSync(path.join(second, LOCK_FILE), 'utf8')).toBe(fs.readFileSync(path.join(first, LOCK_FILE), 'utf8'));
    expect((await plan(workspace(second))).changes).toBe(true);
  });

  it('inits of several folders at once all succeed, and every folder plans', async () => {
    const dirs = ['a', 'b', 'c', 'd'].map((name) => stackFolder(root, name));
    await Promise.all(dirs.map((dir) => initIfNeeded(workspace(dir))));
    const plans = await Promise.all(dirs.map((dir) => plan(workspace(dir))));
    expect(plans.map((p) => p.changes)).toEqual([true, true, true, true]);
  });

  it('keeps its own files beside the cache, out of the folder terraform scans', async () => {
    await initIfNeeded(workspace(stackFolder(root, 'only')));
    expect(fs.readdirSync(path.join(root, 'cache'))).toEqual(['registry.terraform.io']);
    expect(fs.readdirSync(path.join(root, 'cache.branchenv')).sort()).toEqual(['lock-files']);
  });
});
