import { formatProgress, progressTracker } from '../../src/cli/apply-progress';
import { expandShortFlags } from '../../src/cli/main';
import { envsToReap, EnvState } from '../../src/state/env-states';
import { parseDuration } from '../../src/time/duration';

describe('short flags of the old env.sh', () => {
  it.each([
    [['-p', 'x', '--set', 'demo'], ['plan', 'x', '--set', 'demo']],
    [['-A', 'x', '--set', 'demo'], ['apply', 'x', '--set', 'demo', '--auto-approve']],
    [['-D', 'x'], ['drop', 'x', '--yes']],
    [['-s'], ['show']],
    [['plan', '-p'], ['plan', '-p']],
    [['ci', 'github', '--out', '-'], ['ci', 'github', '--out=-']],
  ])('%j → %j', (input, expected) => {
    expect(expandShortFlags(input)).toEqual(expected);
  });
});

describe('apply progress', () => {
  it('counts finished resources against the total and names the one in flight', () => {
    const lines: string[] = [];
    let clock = 0;
    const track = progressTracker(3, (l) => lines.push(l), () => clock);
    track({ type: 'apply_start', hook: { resource: { addr: 'aws_vpc.a' }, action: 'create' } });
    clock = 65_000;
    track({ type: 'apply_complete', hook: { resource: { addr: 'aws_vpc.a' }, action: 'create' } });
    track({ type: 'apply_start', hook: { resource: { addr: 'aws_ecs_service.web' }, action: 'create' } });
    track({ type: 'version', terraform: '1.11.4' });
    expect(lines).toEqual(['[0/3] 00:00  create aws_vpc.a', '[1/3] 01:05', '[1/3] 01:05  create aws_ecs_service.web']);
    expect(formatProgress({ done: 2, total: 2, elapsedMs: 3_599_000 })).toBe('[2/2] 59:59');
  });
});

describe('reaping', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const state = (env: string, days: number, expiresOn?: string, resources = 10): EnvState => ({
    tier: 'stage',
    set: 'demo',
    env,
    key: `stage/services/demo/${env}/terraform.tfstate`,
    lastModified: new Date(now.getTime() - days * 86_400_000),
    expiresOn,
    resources,
    shard: 1,
    ingress: { listenerRules: 4, targetGroups: 2 },
    fargate: { tasks: 2, onDemandVcpus: 0, spotVcpus: 0.5 },
  });

  it('picks expired envs and envs unchanged for too long, never protected or empty ones', () => {
    const picked = envsToReap(
      [state('expired', 1, '2026-11-20'), state('fresh', 1, '2026-11-29'), state('stale', 10, '2026-12-30'), state('develop', 99, '2026-01-01'), state('gone', 99, '2026-01-01', 0)],
      now,
      parseDuration('7d'),
      ['develop', 'main'],
    );
    expect(picked.map((p) => [p.state.env, p.why])).toEqual([
      ['expired', 'expired on 2026-11-20'],
      ['stale', 'unchanged for 10 days'],
    ]);
  });

  it('reads durations and refuses what it cannot read', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(() => parseDuration('7 days')).toThrow(/not a duration such as 30m, 12h, 7d or 2w/);
  });
});
