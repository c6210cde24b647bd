import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { loadEnv } from '../../src/env/prepare-env';
import { collectStatus, EnvStatus, statusTarget } from '../../src/status/env-status';
import { progressLine } from '../../src/status/render-status';
import { UserError } from '../../src/errors/user-error';
import { waitUntilSteady } from '../../src/status/wait-steady';
import { mockEcs, mockElb, service } from './aws-fixtures';

const ecsMock = mockClient(ECSClient);
const elbMock = mockClient(ElasticLoadBalancingV2Client);
const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
const clients = { ecs: new ECSClient({ region: 'eu-west-1', credentials }), elb: new ElasticLoadBalancingV2Client({ region: 'eu-west-1', credentials }) };
const target = statusTarget(loadEnv({ tier: 'stage', set: 'demo', selector: { kind: 'branch', branch: 'feature-x' } }));
const read = () => collectStatus(clients, target);

const steady = () => [service('demo-feature-x--web'), service('demo-feature-x--api'), service('demo-feature-x--worker')];
const starting = () => [service('demo-feature-x--web', { running: 0, pending: 1, rollout: 'IN_PROGRESS' }), service('demo-feature-x--api'), service('demo-feature-x--worker')];

/** A clock that only moves when the waiter sleeps; `onSleep` changes the world between reads. */
function fakeTime(onSleep: (sleeps: number) => void = () => undefined) {
  let now = 0;
  let sleeps = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
      onSleep(++sleeps);
    },
    slept,
  };
}

beforeEach(() => {
  ecsMock.reset();
  elbMock.reset();
});

describe('waitUntilSteady', () => {
  it('polls while tasks are pending and stops once every service is steady, a progress line per read', async () => {
    mockEcs(ecsMock, starting());
    mockElb(elbMock, { 'demo-feature-x--web': ['initial'], 'demo-feature-x--api': ['healthy'] });
    const time = fakeTime((sleeps) => {
      if (sleeps === 2) {
        mockEcs(ecsMock, steady());
        mockElb(elbMock, { 'demo-feature-x--web': ['healthy'], 'demo-feature-x--api': ['healthy'] });
      }
    });
    const lines: string[] = [];
    const result = await waitUntilSteady(read, { timeoutMs: 600_000, intervalMs: 10_000, ...time, onPoll: (s: EnvStatus, ms: number) => lines.push(progressLine(s, ms)) });
    expect(result.outcome).toBe('steady');
    expect(result.polls).toBe(3);
    expect(time.slept).toEqual([10_000, 10_000]);
    expect(lines[0]).toBe('[00:00] progressing - web: 0 of 1 tasks running, 1 pending');
    expect(lines[2]).toBe('[00:20] steady');
  });

  it('gives up at the deadline with the last status', async () => {
    mockEcs(ecsMock, starting());
    mockElb(elbMock, { 'demo-feature-x--web': ['initial'], 'demo-feature-x--api': ['healthy'] });
    const time = fakeTime();
    const result = await waitUntilSteady(read, { timeoutMs: 25_000, intervalMs: 10_000, ...time });
    expect(result.outcome).toBe('deadline');
    expect(time.slept).toEqual([10_000, 10_000, 5_000]);
    expect(result.status.services[0].problems[0]).toBe('0 of 1 tasks running, 1 pending');
  });

  it('stops at once on a rollback, without waiting for the deadline', async () => {
    mockEcs(ecsMock, [
      service('demo-feature-x--web', { extraDeployments: [{ id: 'ecs-svc/bad', status: 'ACTIVE', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' }] }),
      service('demo-feature-x--api'),
      service('demo-feature-x--worker'),
    ]);
    mockElb(elbMock, { 'demo-feature-x--web': ['healthy'], 'demo-feature-x--api': ['healthy'] });
    const time = fakeTime();
    const result = await waitUntilSteady(read, { timeoutMs: 600_000, ...time });
    expect([result.outcome, result.polls, time.slept]).toEqual(['failed', 1, []]);
    expect(result.status.services[0].rolledBack).toBe(true);
  });

  it('counts a read error as one failed poll and goes on', async () => {
    mockEcs(ecsMock, steady());
    mockElb(elbMock, { 'demo-feature-x--web': ['healthy'], 'demo-feature-x--api': ['healthy'] });
    let reads = 0;
    const flaky = async () => {
      if (++reads <= 2) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return read();
    };
    const time = fakeTime();
    const errors: string[] = [];
    const result = await waitUntilSteady(flaky, { timeoutMs: 600_000, intervalMs: 10_000, ...time, onReadError: (e, n, ms) => errors.push(`${ms} ${n} ${e.message}`) });
    expect([result.outcome, result.polls, time.slept]).toEqual(['steady', 3, [10_000, 10_000]]);
    expect(errors).toEqual(['0 1 Rate exceeded', '10000 2 Rate exceeded']);
  });

  it('fails after 3 read errors in a row, and the count starts again after a good read', async () => {
    mockEcs(ecsMock, starting());
    mockElb(elbMock, { 'demo-feature-x--web': ['initial'], 'demo-feature-x--api': ['healthy'] });
    let reads = 0;
    // Reads 1, 2 fail, 3 succeeds, 4, 5, 6 fail.
    const flaky = async () => {
      reads++;
      if (reads === 3) return read();
      throw new Error(`socket hang up ${reads}`);
    };
    const time = fakeTime();
    const errors: number[] = [];
    await expect(waitUntilSteady(flaky, { timeoutMs: 600_000, intervalMs: 10_000, ...time, onReadError: (_e, n) => errors.push(n) })).rejects.toThrow('socket hang up 6');
    expect(reads).toBe(6);
    expect(errors).toEqual([1, 2, 1, 2]);
    expect(time.slept).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
  });

  it('ends at once on a UserError', async () => {
    const time = fakeTime();
    await expect(waitUntilSteady(async () => Promise.reject(new UserError('ECS cluster c not found', 'hint')), { timeoutMs: 600_000, ...time })).rejects.toThrow('ECS cluster c not found');
    expect(time.slept).toEqual([]);
  });

  it('waits with real timers at short intervals', async () => {
    let reads = 0;
    const status = (verdict: EnvStatus['verdict']): EnvStatus => ({ env: 'e', set: 's', tier: 'stage', cluster: 'c', verdict, services: [], urls: [] });
    const result = await waitUntilSteady(async () => status(++reads < 3 ? 'progressing' : 'steady'), { timeoutMs: 5_000, intervalMs: 20 });
    expect([result.outcome, reads]).toEqual(['steady', 3]);
  });
});
