import * as fs from 'node:fs';
import * as path from 'node:path';
import { runEnvScript } from '../helpers/env-script';
import { FakeTerraform, installFakeTerraform } from '../helpers/fake-terraform';
import { gitCheckout } from '../helpers/git-checkout';
import { FakeSecretsManager, startFakeSecretsManager } from '../helpers/fake-secrets-manager';
import { FakeStateBucket, startFakeStateBucket, stateWith } from '../helpers/fake-state-bucket';

// apply, drop and show need an AWS account; here a stand-in `terraform` on PATH answers like
// terraform would (plan with changes, show -json, apply's -json events, outputs), so the env
// script's own flow is tested: approval, progress, URLs.
let repo: string;
let terraform: FakeTerraform;
let secretsManager: FakeSecretsManager;
let stateBucket: FakeStateBucket;
const BUCKET = 'branchenv-tfstate-111111111111-eu-west-1';

beforeAll(async () => {
  repo = gitCheckout('feature-x', 1, 'branchenv-apply-');
  terraform = installFakeTerraform(repo);
  // The env secret the demo set references (apply refuses without it), in a stand-in Secrets Manager.
  secretsManager = await startFakeSecretsManager(`${repo}/secrets-manager`);
  secretsManager.seed({ 'branchenv/stage/demo/feature-x/secrets/session-signing-key': 'k' });
  // The tier's states, read before synthesis to place the env on an ingress shard.
  stateBucket = await startFakeStateBucket(`${repo}/state-bucket`);
  terraform.setOutputs({ urls: ['https://demo-feature-x.stage.branchenv.example.com'], env: 'feature-x' });
});
afterAll(() => {
  secretsManager.close();
  stateBucket.close();
});

/** The `shard` output of the env's last synthesized stack. */
function synthesizedShard(): number {
  const stack = JSON.parse(fs.readFileSync(path.join(repo, '.branchenv', 'stacks', 'env-stage-demo-feature-x', 'cdk.tf.json'), 'utf8')) as { output: Record<string, { value: unknown }> };
  return stack.output.shard.value as number;
}

/** How many plans terraform ran so far. */
const planCalls = () => terraform.calls().filter((c) => c.includes(' plan ')).length;

function env(args: string[]) {
  return runEnvScript(args, { cwd: repo, env: { PATH: `${terraform.bin}:${process.env.PATH}`, TF_PLUGIN_MIRROR: '', ...secretsManager.env, ...stateBucket.env }, input: '' });
}

describe('apply, drop and show around terraform', () => {
  it('refuses to apply without approval when nobody can be asked', () => {
    const result = env(['apply', '--set', 'demo', '--tag', 't1', '--no-smoke']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Apply these changes to feature-x: needs approval, and there is no terminal to ask\n\s+pass --auto-approve \(-A\)/);
    expect(terraform.calls().filter((c) => c.split(' ')[1] === 'apply')).toEqual([]);
  });

  it('applies the saved plan with -A, reporting progress, then prints the env`s URLs', () => {
    const result = env(['-A', '--set', 'demo', '--tag', 't1', '--no-smoke']);
    expect(result.stderr).toContain('[1/2]');
    expect(result.stderr).toMatch(/\[2\/2\] \d\d:\d\d/);
    expect(result.stdout.trim().split('\n').pop()).toBe('https://demo-feature-x.stage.branchenv.example.com');
    expect(result.status).toBe(0);
    expect(terraform.calls().join('\n')).toMatch(/^\S+ apply -input=false -json plan\.bin/m);
  });

  it('drops with -D: a destroy plan, applied, then the env secrets deleted', () => {
    const result = env(['-D', '--set', 'demo']);
    expect(result.stdout).toContain('DESTROY aws_ecs_service.web_service');
    expect(result.stderr).toContain('dropped feature-x\ndeleted env secrets: session-signing-key\n');
    expect(secretsManager.secrets()).toEqual({});
    expect(result.status).toBe(0);
    expect(terraform.calls().join('\n')).toMatch(/^\S+ plan -input=false -detailed-exitcode -out=plan\.bin -destroy/m);
  });

  it('shows the env database without its password, and with it only when asked', () => {
    const secretArn = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:branchenv/stage/demo/feature-x/database-AbCdEf';
    const database = { host: 'stage-main-postgres.cluster-x.eu-west-1.rds.amazonaws.com', port: 5432, name: 'demo-feature-x', user: 'demo-feature-x', secret_arn: secretArn };
    terraform.setOutputs({ env: 'feature-x', database });
    secretsManager.seed({ [secretArn]: JSON.stringify({ username: 'demo-feature-x', password: 'pw-from-the-secret' }) });
    try {
      const plain = env(['show', '--set', 'demo']);
      expect(plain.status).toBe(0);
      expect(plain.stdout).toContain(`database: demo-feature-x at ${database.host}:5432, user demo-feature-x\n`);
      expect(plain.stdout).toContain(`database password: in ${secretArn} (show it with --reveal)`);
      expect(plain.stdout + plain.stderr).not.toContain('pw-from-the-secret');
      expect(secretsManager.calls()).not.toContain(`GetSecretValue ${secretArn}`);

      const revealed = env(['show', '--set', 'demo', '--reveal']);
      expect(revealed.status).toBe(0);
      expect(revealed.stdout).toContain('database password: pw-from-the-secret\n');
      const json = env(['show', '--set', 'demo', '--reveal', '--json']);
      expect(JSON.parse(json.stdout).database).toEqual({ ...database, password: 'pw-from-the-secret' });
    } finally {
      terraform.setOutputs({ urls: ['https://demo-feature-x.stage.branchenv.example.com'], env: 'feature-x' });
    }
  });

  it('refuses --reveal for an env without a database', () => {
    const result = env(['show', '--set', 'demo', '--reveal']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--reveal shows the database password, but this env has no database');
  });

  it('keeps an applied env on the ingress shard its state records: planned there, another shard refused', () => {
    stateBucket.put(BUCKET, 'stage/services/demo/feature-x/terraform.tfstate', stateWith({ env: 'feature-x', branch: 'feature-x', shard: 3 }, { aws_lb_listener_rule: 4 }));
    terraform.setOutputs({ env: 'feature-x', branch: 'feature-x', shard: 3 });
    try {
      expect(env(['plan', '--set', 'demo', '--tag', 't1']).status).toBe(0);
      expect(synthesizedShard()).toBe(3);
      const moved = env(['plan', '--set', 'demo', '--tag', 't1', '--shard', '2']);
      expect(moved.status).toBe(1);
      expect(moved.stderr).toContain('feature-x lives on ingress shard 3, not 2: an env never moves between load balancers');
      expect(moved.stderr).toContain('pass --shard 3');
      const missing = env(['plan', '--set', 'demo', '--tag', 't1', '--shard', '9']);
      expect(missing.stderr).toContain('--shard 9: the stage base has 5 ingress shards');
    } finally {
      stateBucket.clear();
      terraform.setOutputs({ urls: ['https://demo-feature-x.stage.branchenv.example.com'], env: 'feature-x' });
    }
  });

  it('places a new env on the shard with most room, counted from the tier`s states, and says so', () => {
    const other = (name: string, shard: number, rules: number) =>
      stateBucket.put(BUCKET, `stage/services/demo/${name}/terraform.tfstate`, stateWith({ env: name, branch: name, shard }, { aws_lb_listener_rule: rules, aws_lb_target_group: rules / 2 }));
    other('a', 1, 40);
    other('b', 2, 20);
    other('c', 3, 8);
    other('d', 4, 12);
    other('e', 5, 16);
    try {
      const planned = env(['plan', '--set', 'demo', '--tag', 't1']);
      expect(planned.status).toBe(0);
      expect(synthesizedShard()).toBe(3);
      expect(planned.stderr).toContain('new env: placed on ingress shard 3 of 5');
    } finally {
      stateBucket.clear();
    }
  });

  it('refuses a new env the account`s Fargate Spot quota cannot run, naming the quota and what to do', () => {
    stateBucket.setQuotas({ 'L-36FBB829': 1 });
    const plansBefore = planCalls();
    try {
      const refused = env(['plan', '--set', 'demo', '--tag', 't1']);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("the account's Fargate Spot vCPU quota is 1; the tier's envs use 0 and this env needs 1.25");
      expect(refused.stderr).toContain('request more in Service Quotas (Fargate Spot vCPU resource count, L-36FBB829)');
      expect(planCalls()).toBe(plansBefore); // refused before terraform planned
    } finally {
      stateBucket.clear();
    }
  });

  it('warns when a new env fits its quota only below autoscaling`s max, and never checks an applied env', () => {
    stateBucket.setQuotas({ 'default:L-36FBB829': 2 });
    try {
      const warned = env(['plan', '--set', 'demo', '--tag', 't1']);
      expect(warned.status).toBe(0);
      expect(warned.stderr).toContain("capacity: at autoscaling's max this env needs 2.25 Fargate Spot vCPUs; with the 0 in use that passes the quota of 2 (L-36FBB829)");
      stateBucket.put(BUCKET, 'stage/services/demo/feature-x/terraform.tfstate', stateWith({ env: 'feature-x', branch: 'feature-x', shard: 2 }, { aws_lb_listener_rule: 4 }));
      terraform.setOutputs({ env: 'feature-x', branch: 'feature-x', shard: 2 });
      stateBucket.setQuotas({ 'L-36FBB829': 0 });
      expect(env(['plan', '--set', 'demo', '--tag', 't1']).status).toBe(0);
    } finally {
      stateBucket.clear();
      terraform.setOutputs({ urls: ['https://demo-feature-x.stage.branchenv.example.com'], env: 'feature-x' });
    }
  });

  it('shows the env`s outputs as JSON', () => {
    const result = env(['-s', '--set', 'demo', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ urls: ['https://demo-feature-x.stage.branchenv.example.com'], env: 'feature-x' });
  });
});
