import { SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { envNameOf } from '../../src/names/env-name';
import { freePort } from '../helpers/docker-registry';
import { runEnvScript } from '../helpers/env-script';
import { gitCheckout } from '../helpers/git-checkout';

// End to end: `apply --local --simulate` with the real terraform and the embedded S3 server, then
// local plans against the state it recorded.
let repo: string;
let s3Port: number;
const branch = 'feature/Simulate';
const envName = envNameOf(branch);
const REGISTRY = '111111111111.dkr.ecr.eu-west-1.amazonaws.com';
const same = ['--set', 'demo', '--local', '--tag', 't1', '--commit', 'abc1234'];

function env(args: string[]): SpawnSyncReturns<string> {
  return runEnvScript(args, { cwd: repo, env: { BRANCHENV_LOCAL_S3_PORT: String(s3Port) } });
}

function ok(args: string[]): SpawnSyncReturns<string> {
  const result = env(args);
  if (result.status !== 0 && result.status !== 2) throw new Error(`env ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
  return result;
}

interface PlanJson {
  changes: boolean;
  counts: Record<string, number>;
  replaced: string[];
  files: { planJson: string; planMd: string };
}

function planJson(extra: string[] = []): PlanJson {
  return JSON.parse(ok(['plan', ...same, ...extra, '--json', '--plan-json']).stdout) as PlanJson;
}

/** Lineage and serial of the env's state in the local store (kept in s3rver's layout). */
function storedState(): { lineage: string; serial: number; resources: unknown[] } {
  const file = path.join(repo, '.branchenv', 'local', 's3', 'branchenv-local-state', 'stage', 'services', 'demo', envName, 'terraform.tfstate._S3rver_object');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Addresses of the plan's resource changes by action, `no-op` left out. */
function changesOf(file: string): Record<string, string[]> {
  const plan = JSON.parse(fs.readFileSync(file, 'utf8')) as { resource_changes: { address: string; change: { actions: string[] } }[] };
  const byAction: Record<string, string[]> = {};
  for (const c of plan.resource_changes) {
    const action = c.change.actions.join('/');
    if (action !== 'no-op') (byAction[action] ??= []).push(c.address);
  }
  return byAction;
}

beforeAll(async () => {
  repo = gitCheckout(branch, 1, 'branchenv-simulate-');
  s3Port = await freePort();
});

describe('what apply --simulate refuses', () => {
  it('refuses --simulate without --local, saying what to change', () => {
    const result = env(['apply', '--set', 'demo', '--simulate', '--tag', 't1']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/--simulate records a plan in local mode only/);
    expect(result.stderr).toMatch(/add --local to simulate the apply, or leave out --simulate/);
  });

  it('still refuses apply --local without --simulate, and names --simulate', () => {
    const result = env(['apply', ...same]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/apply is not possible in local mode/);
    expect(result.stderr).toMatch(/add --simulate/);
  });

  it('says in its help how to forget a simulated env', () => {
    expect(env(['apply', '--help']).stdout.replace(/\s+/g, ' ')).toMatch(/--simulate .*nothing is created in AWS.*To forget simulated envs, delete <out>\/local\/s3/);
  });
});

describe('apply --local --simulate, then local plans', () => {
  let applied: SpawnSyncReturns<string>;
  let first: { lineage: string; serial: number; resources: unknown[] };

  beforeAll(() => {
    applied = ok(['apply', ...same, '--simulate']);
    first = storedState();
  });

  it('says plainly that nothing was created, and prints the env`s URLs', () => {
    expect(applied.status).toBe(0);
    expect(applied.stderr).toMatch(/simulated: state recorded from the plan, nothing was created in AWS \(\d+ resources, state serial \d+\)/);
    expect(applied.stdout).toContain(`https://demo-${envName}.stage.branchenv.example.com\n`);
  });

  it('records every planned resource in the env`s state in the local store', () => {
    // The demo env's 73 resources and the base state the plan read.
    expect(first.resources).toHaveLength(74);
    expect(first.lineage).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('makes the next local plan of the same env find no changes', () => {
    const plan = planJson();
    expect(plan.changes).toBe(false);
    expect(changesOf(plan.files.planJson)).toEqual({});
    expect(env(['plan', ...same, '--detailed-exitcode']).status).toBe(0);
  });

  it('makes a new image for one service an update of that service and a replacement of its task definition, nothing created', () => {
    const plan = planJson(['--image', `web=${REGISTRY}/demo/web:t2`]);
    expect(plan.counts).toMatchObject({ create: 0, update: 1, replace: 1, delete: 0 });
    expect(changesOf(plan.files.planJson)).toEqual({ update: ['aws_ecs_service.web_service'], 'delete/create': ['aws_ecs_task_definition.web_task'] });
    const md = fs.readFileSync(plan.files.planMd, 'utf8');
    expect(md).toContain(`~   resource "aws_ecs_service" "web_service"`);
    expect(md).toContain('-/+ resource "aws_ecs_task_definition" "web_task"');
    expect(md).toContain(`${REGISTRY}/demo/web:t2`);
  });

  it('says there is nothing to apply when the state already matches, and leaves the state as it was', () => {
    const again = ok(['apply', ...same, '--simulate']);
    expect(again.stderr).toMatch(/nothing to apply/);
    expect(again.stderr).not.toMatch(/simulated: state recorded/);
    expect(storedState()).toMatchObject({ lineage: first.lineage, serial: first.serial });
  });

  it('records a changed env in the same lineage at a higher serial; the plan after it finds no changes', () => {
    const image = ['--image', `web=${REGISTRY}/demo/web:t3`];
    ok(['apply', ...same, ...image, '--simulate']);
    const after = storedState();
    expect(after.lineage).toBe(first.lineage);
    expect(after.serial).toBeGreaterThan(first.serial);
    expect(planJson(image).changes).toBe(false);
    expect(changesOf(planJson().files.planJson)).toEqual({ update: ['aws_ecs_service.web_service'], 'delete/create': ['aws_ecs_task_definition.web_task'] });
  });
});
