/**
 * scripts/install-terraform, the step GitLab and CircleCI jobs run before terraform: against a
 * release folder laid out like releases.hashicorp.com (read through curl's file://).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT } from '../helpers/env-script';

const SCRIPT = path.join(PROJECT_ROOT, 'scripts/install-terraform');
const VERSION = '1.11.4';
const ARCH = os.arch() === 'arm64' ? 'arm64' : 'amd64';
const ZIP = `terraform_${VERSION}_linux_${ARCH}.zip`;

function release(dir: string, tamper = false): string {
  const folder = path.join(dir, 'releases', VERSION);
  const build = path.join(dir, 'build');
  fs.mkdirSync(folder, { recursive: true });
  fs.mkdirSync(build, { recursive: true });
  fs.writeFileSync(path.join(build, 'terraform'), `#!/bin/sh\necho '{"terraform_version": "${VERSION}"}'\n`, { mode: 0o755 });
  execFileSync('zip', ['-q', '-j', path.join(folder, ZIP), path.join(build, 'terraform')]);
  const sum = createHash('sha256').update(fs.readFileSync(path.join(folder, ZIP))).digest('hex');
  fs.writeFileSync(path.join(folder, `terraform_${VERSION}_SHA256SUMS`), `${tamper ? '0'.repeat(64) : sum}  ${ZIP}\n${'1'.repeat(64)}  terraform_${VERSION}_darwin_arm64.zip\n`);
  return `file://${path.join(dir, 'releases')}`;
}

function install(releases: string, target: string, version = VERSION) {
  return spawnSync(SCRIPT, [version, target], { encoding: 'utf8', env: { ...process.env, TERRAFORM_RELEASES_URL: releases } });
}

describe('scripts/install-terraform', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'install-terraform-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('installs the release whose zip matches its SHA256SUMS, then keeps it on the next run', () => {
    const releases = release(dir);
    const target = path.join(dir, 'bin');
    const first = install(releases, target);
    expect([first.status, first.stdout]).toEqual([0, `installed terraform ${VERSION} in ${target}\n`]);
    expect(execFileSync(path.join(target, 'terraform'), ['version', '-json'], { encoding: 'utf8' })).toContain(VERSION);
    fs.rmSync(path.join(dir, 'releases'), { recursive: true });
    const second = install(releases, target);
    expect([second.status, second.stdout]).toEqual([0, `terraform ${VERSION} is already in ${target}\n`]);
  });

  it('installs nothing when the zip does not match its checksum', () => {
    const releases = release(dir, true);
    const result = install(releases, path.join(dir, 'bin'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${ZIP} does not match its checksum in SHA256SUMS: not installed`);
    expect(fs.existsSync(path.join(dir, 'bin', 'terraform'))).toBe(false);
  });

  it('fails when the release is not there, and refuses a version that is not one', () => {
    const missing = install(`file://${dir}/none`, path.join(dir, 'bin'));
    expect(missing.status).not.toBe(0);
    expect(fs.existsSync(path.join(dir, 'bin', 'terraform'))).toBe(false);
    const bad = install(release(dir), path.join(dir, 'bin'), 'latest');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/give the release to install, e\.g\. scripts\/install-terraform 1\.11\.4/);
  });
});
