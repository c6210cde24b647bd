import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort } from '../helpers/docker-registry';
import { runEnvScript } from '../helpers/env-script';
import { gitCheckout } from '../helpers/git-checkout';

// `env base plan|apply|show` through the real entry in local mode: the real terraform, the embedded
// S3 store, no AWS account.
let repo: string;
let s3Port: number;
let first: { changes: boolean; counts: Record<string, number>; contract: unknown[]; files: Record<string, string>; initRan: boolean };

const env = (args: string[]) => runEnvScript(args, { cwd: repo, env: { BRANCHENV_LOCAL_S3_PORT: String(s3Port) } });

beforeAll(async () => {
  repo = gitCheckout('main', 1, 'branchenv-base-');
  s3Port = await freePort();
  const result = env(['base', 'plan', '--tier', 'stage', '--local', '--json']);
  if (result.status !== 0) throw new Error(result.stderr);
  first = JSON.parse(result.stdout);
}, 120_000);

describe('env base plan --local', () => {
  it('plans the whole stage base with no AWS account: every resource created, no contract change', () => {
    expect(first.changes).toBe(true);
    expect(first.counts.create).toBeGreaterThan(50);
    expect(first.counts.delete).toBe(0);
    expect(first.contract).toEqual([]);
    expect(first.initRan).toBe(true);
  });

  it('writes plan.bin, plan.json and a plan.md with the base marker into the base`s folder', () => {
    expect(path.dirname(first.files.planMd)).toBe(path.join(fs.realpathSync(repo), '.branchenv', 'stacks', 'base-stage'));
    for (const file of Object.values(first.files)) expect(fs.existsSync(file)).toBe(true);
    const md = fs.readFileSync(first.files.planMd, 'utf8');
    expect(md.split('\n')[0]).toBe('<!-- branchenv-base-plan: stage -->');
    expect(md).toMatch(/\*\*\d+ to add, 0 to change, 0 to destroy\*\*/);
    const plan = JSON.parse(fs.readFileSync(first.files.planJson, 'utf8')) as { resource_changes: { address: string }[] };
    expect(plan.resource_changes.map((c) => c.address)).toEqual(expect.arrayContaining(['aws_ecs_cluster.cluster_cluster', 'aws_lb.ingress_2_load_balancer']));
  });

  it('skips init the second time and exits 2 with --detailed-exitcode', () => {
    const again = env(['base', 'plan', '--tier', 'stage', '--local', '--json', '--detailed-exitcode']);
    expect(again.status).toBe(2);
    expect(JSON.parse(again.stdout).initRan).toBe(false);
  }, 120_000);
});

describe('what env base refuses or says', () => {
  it('refuses apply in local mode, saying how to see the plan', () => {
    const result = env(['base', 'apply', '--tier', 'stage', '--local']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('base apply is not possible in local mode');
    expect(result.stderr).toContain('env base plan --tier stage --local');
  });

  it('shows that a base without state has no outputs yet', () => {
    const result = env(['base', 'show', '--tier', 'stage', '--local']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('the stage base has no state yet: run env base apply --tier stage\n');
  }, 60_000);

  it('needs an action', () => {
    const result = env(['base', '--tier', 'stage']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Not enough non-option arguments|name an action/);
    expect(result.stderr).toContain('--help');
  });
});
