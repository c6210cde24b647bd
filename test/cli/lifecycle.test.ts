import { spawn, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { envNameOf } from '../../src/names/env-name';
import { freePort, startRegistry, TestRegistry } from '../helpers/docker-registry';
import { ENV_SCRIPT, runEnvScript } from '../helpers/env-script';
import { gitCheckout } from '../helpers/git-checkout';

// End to end: the env script in a git checkout, the real terraform, the embedded S3 server, and
// Debian's docker-registry holding the demo images.
let repo: string;
let registry: TestRegistry;
let s3Port: number;
const branch = 'feature/E2E';
const envName = envNameOf(branch);

function env(args: string[]): SpawnSyncReturns<string> {
  return runEnvScript(args, { cwd: repo, env: { BRANCHENV_LOCAL_S3_PORT: String(s3Port) } });
}

beforeAll(async () => {
  repo = gitCheckout(branch, 2, 'branchenv-e2e-');
  s3Port = await freePort();
  registry = await startRegistry();
  await registry.push('demo/web', [`${envName}-1-aaaaaaa`, `${envName}-2-bbbbbbb`, 'develop-5-ccccccc']);
  await registry.push('demo/api', ['develop-7-ddddddd']);
  await registry.push('demo/worker', ['develop-3-eeeeeee', `${envName}x-9-fffffff`]);
}, 60000);

afterAll(async () => {
  await registry?.stop();
});

describe('env plan --local', () => {
  let first: { initRan: boolean; files: Record<string, string>; images: { service: string; tag: string; source: string }[]; changes: boolean };

  beforeAll(() => {
    const result = env(['plan', '--set', 'demo', '--local', '--registry', registry.host, '--json', '--plan-json']);
    if (result.status !== 0) throw new Error(result.stderr);
    first = JSON.parse(result.stdout);
  });

  it('resolves each image from the registry: the branch`s own, else develop`s', () => {
    expect(first.images.map((i) => [i.service, i.tag, i.source])).toEqual([
      ['web', `${envName}-2-bbbbbbb`, 'branch'],
      ['api', 'develop-7-ddddddd', 'fallback'],
      ['worker', 'develop-3-eeeeeee', 'fallback'],
    ]);
  });

  it('writes plan.bin, plan.txt, plan.md and (asked with --plan-json) plan.json into the env`s folder', () => {
    for (const file of ['planBin', 'planTxt', 'planJson', 'planMd']) expect(fs.existsSync(first.files[file])).toBe(true);
    expect(path.dirname(first.files.planMd)).toBe(path.join(fs.realpathSync(repo), '.branchenv', 'stacks', `env-stage-demo-${envName}`));
  });

  it('writes a plan.json that lists the env`s resources', () => {
    const plan = JSON.parse(fs.readFileSync(first.files.planJson, 'utf8')) as { resource_changes: { address: string; change: { actions: string[] } }[] };
    const addresses = plan.resource_changes.map((c) => c.address);
    expect(addresses).toEqual(expect.arrayContaining(['aws_ecs_service.web_service', 'aws_ecs_service.api_service', 'aws_lb_listener_rule.routes_web_env_host']));
    expect(first.changes).toBe(true);
  });

  it('places the new env on ingress shard 2 (shard 1 also serves Grafana) and plans it there, with DNS records of its own', () => {
    const plan = JSON.parse(fs.readFileSync(first.files.planJson, 'utf8')) as {
      resource_changes: { address: string }[];
      planned_values: { outputs: Record<string, { value: unknown }> };
    };
    expect(plan.planned_values.outputs.shard.value).toBe(2);
    expect(plan.resource_changes.map((c) => c.address)).toEqual(expect.arrayContaining(['aws_route53_record.dns_env_host']));
  });

  it('writes a plan.md for a pull request: marker, counts, images, under 60,000 characters', () => {
    const md = fs.readFileSync(first.files.planMd, 'utf8');
    expect(md).toContain(`<!-- branchenv-plan: stage/demo/${envName} -->`);
    expect(md).toMatch(/\*\*\d+ to add, 0 to change, 0 to destroy\*\*/);
    expect(md).toContain(`${registry.host}/demo/web:${envName}-2-bbbbbbb`);
    expect(md.length).toBeLessThan(60000);
  });

  it('skips terraform init the second time, and the short flag -p plans the same', () => {
    expect(first.initRan).toBe(true);
    const second = env(['-p', '--set', 'demo', '--local', '--registry', registry.host, '--json']);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout).initRan).toBe(false);
  });

  it('exits 2 with --detailed-exitcode when there are changes', () => {
    expect(env(['plan', '--set', 'demo', '--local', '--registry', registry.host, '--detailed-exitcode']).status).toBe(2);
  });

  it('ends with the path of plan.md', () => {
    const result = env(['plan', '--set', 'demo', '--local', '--registry', registry.host]);
    expect(result.stdout.trim().split('\n').pop()).toBe(path.join('.branchenv', 'stacks', `env-stage-demo-${envName}`, 'plan.md'));
  });
});

describe('what the env script refuses', () => {
  it.each([
    [['apply', '--set', 'demo', '--local', '--tag', 't'], /apply is not possible in local mode/],
    [['-A', '--set', 'demo', '--local', '--tag', 't'], /apply is not possible in local mode/],
    [['drop', 'develop', '--set', 'demo'], /develop is a protected env \(.*\)\n\s+pass --force/],
    [['-D', 'main', '--set', 'demo'], /main is a protected env/],
    [['drop', '--set', 'demo', '--local'], /drop is not possible in local mode/],
    [['plan', '', '--set', 'demo', '--local'], /the branch is empty/],
    [['plan', '--set', 'nope', '--local'], /unknown set "nope" for tier stage\n\s+known sets: demo/],
    [['plan', '--set', 'demo', '--local', '--image', 'web'], /--image "web" is not <service>=<image reference>/],
    [['plan', '--local'], /Missing required argument: set|name the service set/],
  ])('%j', (args, message) => {
    const result = env(args);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(result.stderr).not.toMatch(/\s+at .*\.js:\d+/);
  });
});

describe('Ctrl-C during a plan', () => {
  it('passes one interrupt to terraform, waits for it, and leaves no state lock behind', async () => {
    const child = spawn(ENV_SCRIPT, ['plan', '--set', 'demo', '--local', '--tag', 't1'], {
      cwd: repo,
      env: { ...process.env, BRANCHENV_LOCAL_S3_PORT: String(s3Port) },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    // Wait until terraform plan holds the lock, then interrupt the env script (not its process group).
    const lockFiles = () => listFiles(path.join(repo, '.branchenv', 'local', 's3')).filter((f) => f.includes('tflock'));
    for (let i = 0; i < 200 && lockFiles().length === 0 && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 50));
    expect(lockFiles().length).toBeGreaterThan(0);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/interrupt: waiting for terraform to stop and release the state lock/);
    expect(stderr).toMatch(/env: interrupted: terraform plan stopped and released the state lock/);
    expect(stdout).not.toContain('plan.md');
    expect(lockFiles()).toEqual([]);
  }, 60000);
});

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
