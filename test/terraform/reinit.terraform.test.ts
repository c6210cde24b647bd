import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeCliConfig } from '../../src/terraform/cli-config';
import { OFFLINE_PROVIDER_SETTINGS } from '../../src/terraform/offline-overrides';
import { initIfNeeded, plan, Workspace } from '../../src/terraform/workspace';
import { PROJECT_ROOT } from '../helpers/env-script';

// A stack folder must init again by itself when what its last init installed is gone or outdated:
// a deleted plugin cache, a mirror whose content changed, another required provider version. The
// real terraform runs over a one-queue stack, with providers from a mirror of links into
// TF_PLUGIN_MIRROR and a plugin cache of its own (the shared ones are never touched).
const sourceMirror = process.env.TF_PLUGIN_MIRROR;
const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const VERSION = (
  JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules/@cdktf/provider-aws/package.json'), 'utf8')) as {
    cdktf: { provider: { version: string } };
  }
).cdktf.provider.version;

const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), `branchenv-reinit-${prefix}-`));

/** A mirror whose packages link to the source mirror's files: `version` folders named as given. */
function linkedMirror(versions: readonly string[]): { mirror: string; platformDirs: string[] } {
  const mirror = temp('mirror');
  const source = path.join(sourceMirror!, PROVIDER, VERSION);
  const platformDirs = versions.flatMap((version) =>
    fs.readdirSync(source).map((platform) => {
      const dir = path.join(mirror, PROVIDER, version, platform);
      fs.mkdirSync(dir, { recursive: true });
      for (const file of fs.readdirSync(path.join(source, platform))) fs.symlinkSync(path.join(source, platform, file), path.join(dir, file));
      return dir;
    }),
  );
  return { mirror, platformDirs };
}

function writeStack(dir: string, version: string): void {
  const json = {
    terraform: { required_providers: { aws: { source: 'aws', version } }, backend: { local: { path: 'offline.tfstate' } } },
    provider: { aws: [{ region: 'eu-west-1', ...OFFLINE_PROVIDER_SETTINGS }] },
    resource: { aws_sqs_queue: { queue: { name: 'branchenv-reinit' } } },
  };
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(json, null, 2));
}

/** What one run of the env script sets up: its CLI configuration, written afresh. */
function nextRun(dir: string, mirror: string, cache: string): Workspace {
  return { dir, cliConfigFile: writeCliConfig(path.join(dir, '..', 'config'), { pluginMirror: mirror, pluginCacheDir: cache }) };
}

function installedPlatformDir(dir: string, version: string): string {
  const versionDir = path.join(dir, '.terraform', 'providers', PROVIDER, version);
  return path.join(versionDir, fs.readdirSync(versionDir)[0]);
}

const describeWithMirror = sourceMirror ? describe : describe.skip;

describeWithMirror('terraform init runs again by itself', () => {
  let root: string;
  let dir: string;
  let cache: string;

  beforeEach(() => {
    root = temp('stack');
    dir = path.join(root, 'stack');
    fs.mkdirSync(dir);
    cache = path.join(root, 'plugin-cache');
  });

  it('when the plugin cache its providers link into was deleted', async () => {
    const { mirror } = linkedMirror([VERSION]);
    writeStack(dir, VERSION);
    expect(await initIfNeeded(nextRun(dir, mirror, cache))).toBe(true);
    expect(fs.lstatSync(installedPlatformDir(dir, VERSION)).isSymbolicLink()).toBe(true);
    expect(await initIfNeeded(nextRun(dir, mirror, cache))).toBe(false);

    fs.rmSync(cache, { recursive: true });
    const ws = nextRun(dir, mirror, cache);
    expect(await initIfNeeded(ws)).toBe(true);
    expect((await plan(ws)).changes).toBe(true);
    expect(await initIfNeeded(nextRun(dir, mirror, cache))).toBe(false);
  });

  it('when the mirror`s content changed, though the lock file holds the old checksums', async () => {
    const { mirror, platformDirs } = linkedMirror([VERSION]);
    writeStack(dir, VERSION);
    expect(await initIfNeeded(nextRun(dir, mirror, cache))).toBe(true);

    // Another package in the mirror: its checksum differs from the one the lock file recorded.
    fs.writeFileSync(path.join(platformDirs[0], 'NOTICE.txt'), 'a repackaged provider\n');
    fs.rmSync(cache, { recursive: true });
    const ws = nextRun(dir, mirror, cache);
    expect(await initIfNeeded(ws)).toBe(true);
    expect((await plan(ws)).changes).toBe(true);
  });

  it('when the stack requires another provider version than the lock file selected', async () => {
    const other = VERSION.replace(/\d+$/, (patch) => String(Number(patch) + 1000));
    const { mirror } = linkedMirror([VERSION, other]);
    writeStack(dir, VERSION);
    expect(await initIfNeeded(nextRun(dir, mirror, cache))).toBe(true);

    writeStack(dir, other);
    const ws = nextRun(dir, mirror, cache);
    expect(await initIfNeeded(ws)).toBe(true);
    expect(fs.readFileSync(path.join(dir, '.terraform.lock.hcl'), 'utf8')).toContain(`version     = "${other}"`);
    expect((await plan(ws)).changes).toBe(true);
  });
});
