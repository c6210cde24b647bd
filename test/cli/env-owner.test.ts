import * as fs from 'node:fs';
import * as path from 'node:path';
import { runEnvScript } from '../helpers/env-script';
import { FakeTerraform, installFakeTerraform } from '../helpers/fake-terraform';
import { gitCheckout } from '../helpers/git-checkout';
import { collidingBranches } from '../helpers/colliding-branches';
import { envNameOf } from '../../src/names/env-name';
import { FakeStateBucket, startFakeStateBucket, stateWith } from '../helpers/fake-state-bucket';

// Names given back and owners recorded, through the real env script; a stand-in terraform answers
// `output` with the state the test sets, so no AWS account is needed.
const [owner, intruder] = collidingBranches();
const shared = envNameOf(owner);
let repo: string;
let terraform: FakeTerraform;
let stateBucket: FakeStateBucket;

beforeAll(async () => {
  repo = gitCheckout(intruder, 1, 'branchenv-owner-');
  terraform = installFakeTerraform(repo);
  // The shared env's state, as drop reads it first (placement and the owner check read it too).
  stateBucket = await startFakeStateBucket(`${repo}/state-bucket`);
  stateBucket.put('branchenv-tfstate-111111111111-eu-west-1', `stage/services/demo/${shared}/terraform.tfstate`, stateWith({ branch: owner, env: shared }, { aws_ecs_service: 1 }));
});
afterAll(() => stateBucket.close());

function env(args: string[], extra: Record<string, string> = {}) {
  return runEnvScript(args, { cwd: repo, env: { PATH: `${terraform.bin}:${process.env.PATH}`, TF_PLUGIN_MIRROR: '', ...stateBucket.env, ...extra }, input: '' });
}

describe('an env that belongs to another branch', () => {
  it('is refused by plan, apply, drop and show from the other branch, naming both branches', () => {
    terraform.setOutputs({ branch: owner, env: shared });
    for (const args of [['plan'], ['-A'], ['-D'], ['show']]) {
      const result = env([...args, '--set', 'demo', '--tag', 't1']);
      expect(result.stderr).toContain(`env ${shared} in stage/demo belongs to branch "${owner}", not to "${intruder}"`);
      expect(result.stderr).toMatch(/rename the branch/);
      expect(result.status).toBe(1);
    }
    // Planning may run beside the owner check (it only reads); nothing is applied, no plan is left.
    expect(terraform.calls().filter((c) => c.split(' ')[1] === 'apply')).toEqual([]);
    const folder = path.join(repo, '.branchenv/stacks', `env-stage-demo-${shared}`);
    expect(fs.existsSync(path.join(folder, 'plan.bin'))).toBe(false);
    expect(fs.existsSync(path.join(folder, 'plan.md'))).toBe(false);
  });

  it('is reached by its printed name, taking the recorded branch as owner', () => {
    terraform.setOutputs({ branch: owner, env: shared });
    const result = env(['plan', shared, '--set', 'demo', '--tag', 't1']);
    expect(result.status).toBe(0);
    expect(terraform.calls().pop()).toMatch(new RegExp(`^env-stage-demo-${shared} plan -input=false`));
    const config = JSON.parse(fs.readFileSync(path.join(repo, '.branchenv/stacks', `env-stage-demo-${shared}`, 'cdk.tf.json'), 'utf8'));
    expect(config.output.branch.value).toBe(owner);
  });
});

describe('names the tool prints', () => {
  it('reach the same stack and state key when given back to show and drop', () => {
    terraform.setOutputs({ branch: owner, env: shared });
    const shown = env(['show', shared, '--set', 'demo', '--json']);
    expect(shown.status).toBe(0);
    expect(JSON.parse(shown.stdout).branch).toBe(owner);
    const dropped = env(['-D', shared, '--set', 'demo']);
    expect(dropped.stderr).toContain(`dropped ${shared}`);
    expect(terraform.calls().filter((c) => c.includes('-destroy')).pop()).toMatch(new RegExp(`^env-stage-demo-${shared} plan`));
  });

  it('that end in a hash, with no state, are not created from the name alone', () => {
    terraform.setOutputs(undefined);
    const result = env(['plan', 'feature-gone-123abc', '--set', 'demo', '--tag', 't1']);
    expect(result.stderr).toMatch(/no env named feature-gone-123abc has state in stage\/demo[^]*--branch <branch>/);
    expect(result.status).toBe(1);
  });
});

describe('protection', () => {
  const develop = () => gitCheckout('develop', 1, 'branchenv-protect-');

  it.each([[''], ['  '], [' Develop ,x']])('cannot be switched off by BRANCHENV_PROTECTED_ENVS=%j', (setting) => {
    const result = runEnvScript(['-D', '--set', 'demo'], { cwd: develop(), env: { PATH: `${terraform.bin}:${process.env.PATH}`, BRANCHENV_PROTECTED_ENVS: setting, ...stateBucket.env }, input: '' });
    expect(result.stderr).toMatch(/develop is a protected env/);
    expect(result.status).toBe(1);
  });

  it('is checked after local mode`s refusal, which no --force can lift', () => {
    const result = runEnvScript(['drop', 'develop', '--set', 'demo', '--local'], { cwd: develop() });
    expect(result.stderr).toMatch(/drop is not possible in local mode/);
    expect(result.stderr).not.toMatch(/--force/);
  });
});
