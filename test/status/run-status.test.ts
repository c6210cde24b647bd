import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { checkEnvComesUp, runStatus } from '../../src/cli/run-status';
import type { StatusArgs } from '../../src/cli/command-args';
import { loadEnv } from '../../src/env/prepare-env';
import { UserError } from '../../src/errors/user-error';
import { mockEcs, mockElb, service } from './aws-fixtures';

// mockClient(Class) answers for every client of the class, so the clients the command builds are mocked too.
const ecsMock = mockClient(ECSClient);
const elbMock = mockClient(ElasticLoadBalancingV2Client);
// printFailureLogs reads the failing services' logs: answered here, never by the network.
const logsMock = mockClient(CloudWatchLogsClient);
const loaded = loadEnv({ tier: 'stage', set: 'demo', selector: { kind: 'branch', branch: 'feature-x' } });
// Hosts under .invalid cannot resolve (RFC 6761): the smoke test fails by construction, not by DNS luck.
const env = { ...loaded, base: { ...loaded.base, domain: 'stage.branchenv.invalid' } };

/** Two log lines per service, on streams `<service>/app/<task>`. */
function mockLogs() {
  logsMock.on(FilterLogEventsCommand).callsFake((input: { logStreamNamePrefix?: string }) => {
    const service = (input.logStreamNamePrefix ?? '').replace(/\/$/, '');
    return {
      events: [
        { timestamp: Date.parse('2026-11-22T07:02:00Z'), logStreamName: `${service}/app/t1`, message: `${service} starting`, eventId: `${service}-1` },
        { timestamp: Date.parse('2026-11-22T07:02:01Z'), logStreamName: `${service}/app/t1`, message: `${service}: panic: no DATABASE_URL`, eventId: `${service}-2` },
      ],
    };
  });
}

let stdout: string;
let stderr: string;
beforeEach(() => {
  ecsMock.reset();
  elbMock.reset();
  logsMock.reset();
  mockLogs();
  [stdout, stderr] = ['', ''];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.env.AWS_ACCESS_KEY_ID = 'x';
  process.env.AWS_SECRET_ACCESS_KEY = 'y';
});
afterEach(() => {
  jest.restoreAllMocks();
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

const rolledBack = () => [
  service('demo-feature-x--web', {
    extraDeployments: [{ id: 'ecs-svc/bad', status: 'ACTIVE', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' }],
    events: [{ at: new Date('2026-11-22T07:03:00Z'), message: '(service demo-feature-x--web) deployment ecs-svc/bad deployment failed: tasks failed to start.' }],
  }),
  service('demo-feature-x--api'),
  service('demo-feature-x--worker'),
];

function args(extra: Partial<StatusArgs>): StatusArgs {
  return { set: 'demo', tier: 'stage', target: 'feature-x', image: [], insecureRegistry: [], fallbackBranch: 'develop', local: false, out: '.branchenv', json: false, wait: false, timeout: '10m', interval: 10, ...extra } as StatusArgs;
}

describe('env status', () => {
  it('prints JSON with --json and exits 0 for a steady env', async () => {
    mockEcs(ecsMock, [service('demo-feature-x--web'), service('demo-feature-x--api'), service('demo-feature-x--worker')]);
    mockElb(elbMock, { 'demo-feature-x--web': ['healthy'], 'demo-feature-x--api': ['healthy'] });
    expect(await runStatus(args({ json: true }))).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.verdict).toBe('steady');
    expect(json.services.map((s: { service: string; images: string[] }) => [s.service, s.images])).toContainEqual(['web', ['app=feature-x-12-abc1234', 'envoy=v1.31.2']]);
    expect(json.urls).toContain('https://demo-feature-x.stage.branchenv.example.com');
  });

  it('--wait exits 1 on a rollback, with the failing service`s events', async () => {
    mockEcs(ecsMock, rolledBack());
    mockElb(elbMock, { 'demo-feature-x--web': ['healthy'], 'demo-feature-x--api': ['healthy'] });
    expect(await runStatus(args({ wait: true }))).toBe(1);
    expect(stdout).toContain('07:03:00 (service demo-feature-x--web) deployment ecs-svc/bad deployment failed: tasks failed to start.');
    expect(stderr).toMatch(/^\[00:00\] failed - web: ROLLOUT FAILED/m);
    expect(stderr).toContain('env: web rolled back by the deployment circuit breaker: the new version did not start');
  });

  it('refuses a --timeout that is not a duration', async () => {
    await expect(runStatus(args({ wait: true, timeout: '10 minutes' }))).rejects.toThrow(/--timeout 10 minutes: .* is not a duration/);
  });
});

describe('checkEnvComesUp (the end of apply)', () => {
  it('fails with the events and the logs command of the service that did not come up', async () => {
    mockEcs(ecsMock, rolledBack());
    mockElb(elbMock, { 'demo-feature-x--web': ['healthy'], 'demo-feature-x--api': ['healthy'] });
    // Apply started 4.5 minutes ago: the logs command covers that plus a minute.
    const since = new Date(Date.now() - 270_000);
    const error = await checkEnvComesUp(env, { timeoutMs: 60_000, timeout: '1m', since }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('feature-x did not come up: web rolled back by the deployment circuit breaker: the new version did not start');
    expect((error as UserError).hint).toBe('see their logs: env logs feature-x --set demo --service web --since 6m');
    expect(stderr).toContain('deployment ecs-svc/bad deployment failed: tasks failed to start.');
    expect(stderr).toContain('last 2 log lines of web:\n2026-11-22T07:02:00.000Z web/app web starting\n2026-11-22T07:02:01.000Z web/app web: panic: no DATABASE_URL\n');
    const calls = logsMock.commandCalls(FilterLogEventsCommand);
    expect(calls.map((c) => [c.args[0].input.logStreamNamePrefix, c.args[0].input.startTime])).toEqual([['web/', since.getTime()]]);
  });

  it('smoke-tests the URLs once steady and fails naming those that do not answer', async () => {
    mockEcs(ecsMock, [service('demo-feature-x--web'), service('demo-feature-x--api'), service('demo-feature-x--worker')]);
    mockElb(elbMock, { 'demo-feature-x--web': ['healthy'], 'demo-feature-x--api': ['healthy'] });
    // The hosts are under .invalid: every probe fails by its deadline (the api host over HTTP/2, its protocol).
    const error = await checkEnvComesUp(env, { timeoutMs: 60_000, timeout: '1m', probeDeadlineMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^feature-x: smoke test failed for 3 of 3 URLs: https:\/\/demo-feature-x\.stage\.branchenv\.invalid, /);
    expect((error as UserError).hint).toBe('see their logs: env logs feature-x --set demo --service web --since 15m; env logs feature-x --set demo --service api --since 15m');
    expect(stderr).toContain('smoke test: https://demo-feature-x.stage.branchenv.invalid, https://web--demo-feature-x.stage.branchenv.invalid, https://api--demo-feature-x.stage.branchenv.invalid (http2)\n');
    expect(stderr).toMatch(/^FAIL https:\/\/web--demo-feature-x\.stage\.branchenv\.invalid: /m);
    expect(stderr).toMatch(/^FAIL https:\/\/api--demo-feature-x\.stage\.branchenv\.invalid: /m);
    expect(stderr).toContain('last 2 log lines of web:\n');
    expect(stderr).toContain('last 2 log lines of api:\n');
    expect(stderr).toContain('api: panic: no DATABASE_URL');
  });

  it('does not probe a grpc URL and counts it as ok', async () => {
    mockEcs(ecsMock, [service('demo-feature-x--web'), service('demo-feature-x--api'), service('demo-feature-x--worker')]);
    mockElb(elbMock, { 'demo-feature-x--web': ['healthy'], 'demo-feature-x--api': ['healthy'] });
    // Only api public, at its own host, over gRPC: nothing to probe over HTTP.
    const services = env.set.services.map((s) => (s.name === 'api' ? { ...s, protocol: 'grpc' as const, routes: [{ hostPrefix: 'api' }] } : { ...s, routes: undefined }));
    await checkEnvComesUp({ ...env, set: { ...env.set, services } }, { timeoutMs: 60_000, timeout: '1m', probeDeadlineMs: 300 });
    expect(stderr).toContain('ok   https://api--demo-feature-x.stage.branchenv.invalid (grpc: checked by target health only)\n');
    expect(logsMock.commandCalls(FilterLogEventsCommand)).toHaveLength(0);
  });

  it('retries a read that fails once and says so', async () => {
    const steady = [service('demo-feature-x--web'), service('demo-feature-x--api'), service('demo-feature-x--worker')];
    mockEcs(ecsMock, steady);
    let describes = 0;
    ecsMock.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => {
      if (++describes === 1) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return { services: steady.filter((s) => input.services.includes(s.serviceName as string)), failures: [] };
    });
    mockElb(elbMock, {});
    const services = env.set.services.map((s) => ({ ...s, routes: undefined }));
    await checkEnvComesUp({ ...env, set: { ...env.set, services } }, { timeoutMs: 60_000, timeout: '1m', intervalMs: 10 });
    expect(stderr).toMatch(/^\[00:00\] read failed \(1 of 3 in a row\), counted as one failed poll: Rate exceeded$/m);
    expect(stderr).toMatch(/^\[00:00\] steady$/m);
  });
});
