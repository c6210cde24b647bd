import { spawn } from 'node:child_process';
import type { SleepArgs } from '../../src/cli/command-args';
import { runSleep, sleepTarget } from '../../src/cli/run-sleep';
import { loadEnv } from '../../src/env/prepare-env';
import { UserError } from '../../src/errors/user-error';
import { asleepMessage } from '../../src/sleep/sleep-names';
import { ENV_SCRIPT, PROJECT_ROOT } from '../helpers/env-script';
import { FakeRule, FakeSleepAws, startFakeSleepAws } from '../helpers/fake-sleep-aws';

const env = loadEnv({ tier: 'stage', set: 'demo', selector: { kind: 'name', name: 'feature-x' } });
const target = sleepTarget(env);
const parts = { tier: 'stage' as const, set: 'demo', env: 'feature-x' };
const TG = (name: string) => `arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/${name}/1`;
const RULE = (n: string) => `arn:aws:elasticloadbalancing:eu-west-1:111111111111:listener-rule/app/stage-main/1/443/${n}`;
const [webTg, apiTg] = ['demo-feature-x--web', 'demo-feature-x--api'];
const host = (prefix: string) => `${prefix}demo-feature-x.stage.branchenv.example.com`;

/** The demo env as apply leaves it: 4 forward rules, then the asleep rule; another env's rule in between. */
function appliedEnv(): { rules: FakeRule[]; scalable: Record<string, { min: number; max: number }> } {
  return {
    rules: [
      { arn: RULE('other'), priority: 3, hosts: ['demo-other.stage.branchenv.example.com'], forward: TG('demo-other--web') },
      { arn: RULE('api-path'), priority: 7, hosts: [host('')], forward: TG(apiTg) },
      { arn: RULE('api-host'), priority: 8, hosts: [host('api--')], forward: TG(apiTg) },
      { arn: RULE('web-host'), priority: 9, hosts: [host('web--')], forward: TG(webTg) },
      { arn: RULE('web-all'), priority: 10, hosts: [host('')], forward: TG(webTg) },
      { arn: RULE('asleep'), priority: 11, hosts: [host(''), host('web--'), host('api--')], fixedBody: asleepMessage(parts, env.base.sleep) },
    ],
    scalable: Object.fromEntries(target.services.filter((s) => s.service === 'api').map((s) => [s.resourceId, { min: 1, max: 3 }])),
  };
}

const args = (action: SleepArgs['action'], extra: Partial<SleepArgs> = {}): SleepArgs => ({
  action,
  force: false,
  target: 'feature-x',
  set: 'demo',
  tier: 'stage',
  image: [],
  insecureRegistry: [],
  fallbackBranch: 'develop',
  local: false,
  out: '.branchenv',
  json: false,
  ...extra,
});

let aws: FakeSleepAws;
let restore: () => void;
let out: string;
const io = { out: (t: string) => void (out += t), err: () => undefined };
const priorities = () => Object.fromEntries(aws.state.rules.map((r) => [r.arn.split('/').pop(), r.priority]));
const writes = () => aws.calls.filter((c) => c.startsWith('Set') || c.startsWith('Register'));

beforeEach(async () => {
  aws = await startFakeSleepAws({ targetGroups: { [webTg]: TG(webTg), [apiTg]: TG(apiTg) }, ...appliedEnv() });
  restore = aws.useEndpoints();
  out = '';
  delete process.env.BRANCHENV_PROTECTED_ENVS;
});
afterEach(async () => {
  restore();
  await aws.close();
});

describe('env sleep', () => {
  it('moves the asleep rule before the env forward rules first, then scales every service to 0', async () => {
    await runSleep(args('sleep'), process.cwd(), io);
    expect(priorities()).toEqual({ other: 3, asleep: 7, 'api-path': 11, 'api-host': 8, 'web-host': 9, 'web-all': 10 });
    expect(writes()).toEqual([
      'SetRulePriorities api-path=11,asleep=7',
      ...['web', 'api', 'worker'].map((s) => `RegisterScalableTarget demo-feature-x--${s} 0-0`),
    ]);
    expect(out).toContain('hosts answer "asleep" (503) until woken');
    expect(out).toContain('feature-x is asleep. Wake it: scripts/env wake feature-x --set demo');
  });

  it('says an env that already sleeps does, and changes nothing', async () => {
    await runSleep(args('sleep'), process.cwd(), io);
    const before = writes().length;
    out = '';
    await runSleep(args('sleep'), process.cwd(), io);
    expect(writes()).toHaveLength(before);
    expect(out).toBe('feature-x is already asleep; nothing changed\n');
  });

  it('refuses a protected env unless forced', async () => {
    process.env.BRANCHENV_PROTECTED_ENVS = 'feature-x';
    await expect(runSleep(args('sleep'), process.cwd(), io)).rejects.toThrow(/feature-x is a protected env.*sleeps only when asked/);
    expect(aws.calls).toEqual([]);
    await runSleep(args('sleep', { force: true }), process.cwd(), io);
    expect(priorities().asleep).toBe(7);
    expect(out).toContain('(a protected env has no wake time)');
  });

  it('refuses local mode and a tier without sleep hours, before any AWS call', async () => {
    await expect(runSleep(args('sleep', { local: true }), process.cwd(), io)).rejects.toThrow(UserError);
    await expect(runSleep(args('sleep', { tier: 'prod' }), process.cwd(), io)).rejects.toThrow(/envs of the prod base do not sleep/);
    expect(aws.calls).toEqual([]);
  });

  it('says to apply an env that is not there yet, or that has no asleep rule yet', async () => {
    await expect(runSleep(args('sleep', { target: 'feature-y' }), process.cwd(), io)).rejects.toThrow(/feature-y has no target groups on a load balancer/);
    aws.state.rules.splice(aws.state.rules.findIndex((r) => r.arn === RULE('asleep')), 1);
    await expect(runSleep(args('sleep'), process.cwd(), io)).rejects.toThrow(/feature-x has no asleep rule on its load balancer yet/);
    expect(writes()).toEqual([]);
  });
});

describe('env wake', () => {
  it('starts the services with their normal bounds, then routes the hosts to them again', async () => {
    await runSleep(args('sleep'), process.cwd(), io);
    aws.calls.length = 0;
    await runSleep(args('wake'), process.cwd(), io);
    expect(priorities()).toEqual({ other: 3, 'api-path': 7, 'api-host': 8, 'web-host': 9, 'web-all': 10, asleep: 11 });
    expect(writes()).toEqual([
      'RegisterScalableTarget demo-feature-x--web 1-1',
      'RegisterScalableTarget demo-feature-x--api 1-3',
      'RegisterScalableTarget demo-feature-x--worker 1-1',
      'SetRulePriorities asleep=11,api-path=7',
    ]);
    expect(out).toContain('feature-x is waking');
  });

  it('registers missing scalable targets of an awake env and says it is awake as JSON', async () => {
    await runSleep(args('wake', { json: true }), process.cwd(), io);
    expect(writes()).toEqual(['RegisterScalableTarget demo-feature-x--web 1-1', 'RegisterScalableTarget demo-feature-x--worker 1-1']);
    expect(JSON.parse(out)).toMatchObject({ env: 'feature-x', state: 'awake', changed: true, rulesMoved: 0 });
    out = '';
    await runSleep(args('wake'), process.cwd(), io);
    expect(out).toBe('feature-x is already awake; nothing changed\n');
  });
});

describe('through scripts/env', () => {
  /** The real entry, spawned without blocking: the stand-in answers from this process. */
  function script(argv: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(ENV_SCRIPT, [...argv], { cwd: PROJECT_ROOT, env: { ...process.env, BRANCHENV_PROTECTED_ENVS: '' } });
      let [stdout, stderr] = ['', ''];
      child.stdout.on('data', (chunk) => (stdout += String(chunk)));
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  it('sleeps and wakes an env, and refuses a protected one without --force', async () => {
    const slept = await script(['sleep', 'feature-x', '--set', 'demo']);
    expect(slept.stderr).toBe('');
    expect(slept.status).toBe(0);
    expect(priorities().asleep).toBe(7);
    const again = await script(['sleep', 'feature-x', '--set', 'demo', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ state: 'asleep', changed: false });
    const woken = await script(['wake', 'feature-x', '--set', 'demo']);
    expect(woken.status).toBe(0);
    expect(priorities().asleep).toBe(11);
    const refused = await script(['sleep', 'develop', '--set', 'demo']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/develop is a protected env/);
    expect(refused.stderr).toMatch(/env sleep develop --set demo --force/);
  }, 120_000);
});
