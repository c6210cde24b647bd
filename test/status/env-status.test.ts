import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { loadEnv } from '../../src/env/prepare-env';
import { collectStatus, statusTarget } from '../../src/status/env-status';
import { renderStatus } from '../../src/status/render-status';
import { CLUSTER, mockEcs, mockElb, service, T0 } from './aws-fixtures';

const ecsMock = mockClient(ECSClient);
const elbMock = mockClient(ElasticLoadBalancingV2Client);
const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
const clients = () => ({ ecs: new ECSClient({ region: 'eu-west-1', credentials }), elb: new ElasticLoadBalancingV2Client({ region: 'eu-west-1', credentials }) });

const env = loadEnv({ tier: 'stage', set: 'demo', selector: { kind: 'branch', branch: 'feature-x' } });
const target = statusTarget(env);

beforeEach(() => {
  ecsMock.reset();
  elbMock.reset();
});

describe('statusTarget', () => {
  it('names the base cluster, the ECS services, the target groups of public services and the route hosts', () => {
    expect(target.cluster).toBe('stage-main');
    expect(target.services).toEqual([
      { service: 'web', ecsName: 'demo-feature-x--web', targetGroup: 'demo-feature-x--web' },
      { service: 'api', ecsName: 'demo-feature-x--api', targetGroup: 'demo-feature-x--api' },
      { service: 'worker', ecsName: 'demo-feature-x--worker', targetGroup: undefined },
    ]);
    expect(target.urls).toEqual([
      'https://demo-feature-x.stage.branchenv.example.com',
      'https://web--demo-feature-x.stage.branchenv.example.com',
      'https://api--demo-feature-x.stage.branchenv.example.com',
    ]);
  });
});

describe('statusTarget probes', () => {
  it('records per URL the protocol of the service behind it; on a shared host the catch-all route decides', () => {
    // The env host: web at /* (http) and api at /api/* (http2): web's catch-all decides.
    expect(target.probes).toEqual([
      { url: 'https://demo-feature-x.stage.branchenv.example.com', protocol: 'http' },
      { url: 'https://web--demo-feature-x.stage.branchenv.example.com', protocol: 'http' },
      { url: 'https://api--demo-feature-x.stage.branchenv.example.com', protocol: 'http2' },
    ]);
    expect(target.probes.map((p) => p.url)).toEqual(target.urls);
  });

  it('follows the catch-all whichever service comes first, and records grpc', () => {
    const services = env.set.services.map((s) =>
      s.name === 'web' ? { ...s, routes: [{ path: '/web/*' }, { hostPrefix: 'web' }] } : s.name === 'api' ? { ...s, protocol: 'grpc' as const, routes: [{ path: '/*' }, { hostPrefix: 'api' }] } : s,
    );
    const changed = statusTarget({ ...env, set: { ...env.set, services } });
    expect(changed.probes.map((p) => [p.url.replace(/\.stage\..*$/, ''), p.protocol])).toEqual([
      ['https://demo-feature-x', 'grpc'],
      ['https://web--demo-feature-x', 'http'],
      ['https://api--demo-feature-x', 'grpc'],
    ]);
  });
});

describe('collectStatus', () => {
  it('reports a steady env: counts, task definition revision, running image tags, healthy targets', async () => {
    mockEcs(ecsMock, [service('demo-feature-x--web', { desired: 2 }), service('demo-feature-x--api'), service('demo-feature-x--worker')]);
    mockElb(elbMock, { 'demo-feature-x--web': ['healthy', 'healthy'], 'demo-feature-x--api': ['healthy'] });
    const status = await collectStatus(clients(), target);
    expect(ecsMock.commandCalls(DescribeServicesCommand)[0].args[0].input.cluster).toBe(CLUSTER);
    expect(status.verdict).toBe('steady');
    const web = status.services[0];
    expect(web).toMatchObject({ verdict: 'steady', desired: 2, running: 2, rollout: 'COMPLETED', taskDefinition: 'stage-demo-feature-x--web:3', targets: { group: 'demo-feature-x--web', healthy: 2 } });
    expect(web.images).toEqual(['app=feature-x-12-abc1234', 'envoy=v1.31.2']);
    expect(web.events).toEqual([]);
    expect(status.services[2].targets).toBeUndefined();
    expect(renderStatus(status)).toMatch(/^env feature-x \(set demo, tier stage, cluster stage-main\): STEADY\n/);
  });

  it('says loudly that a deployment was rolled back, with the service`s last events', async () => {
    const failedAt = new Date(T0.getTime() + 120_000);
    mockEcs(ecsMock, [
      service('demo-feature-x--web', {
        rollout: 'IN_PROGRESS',
        extraDeployments: [{ id: 'ecs-svc/bad', status: 'ACTIVE', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.', desiredCount: 0, runningCount: 0, failedTasks: 3 }],
        events: [
          { at: failedAt, message: '(service demo-feature-x--web) rolling back to deployment ecs-svc/good.' },
          { at: T0, message: '(service demo-feature-x--web) deployment ecs-svc/bad deployment failed: tasks failed to start.' },
        ],
      }),
      service('demo-feature-x--api'),
      service('demo-feature-x--worker'),
    ]);
    mockElb(elbMock, { 'demo-feature-x--web': ['healthy'], 'demo-feature-x--api': ['healthy'] });
    const status = await collectStatus(clients(), target);
    expect(status.verdict).toBe('failed');
    expect(status.services[0]).toMatchObject({ verdict: 'failed', rolledBack: true });
    expect(status.services[1].verdict).toBe('steady');
    const text = renderStatus(status);
    expect(text).toContain('!!! web: the deployment circuit breaker failed the rollout and rolled it back');
    expect(text).toMatch(/web\s+ROLLED BACK/);
    expect(text).toContain('07:02:00 (service demo-feature-x--web) rolling back to deployment ecs-svc/good.');
    expect(text).toContain('ROLLOUT FAILED: deployment ecs-svc/bad: ECS deployment circuit breaker: tasks failed to start.');
  });

  it('reports unhealthy targets as not steady, with their reason', async () => {
    mockEcs(ecsMock, [service('demo-feature-x--web'), service('demo-feature-x--api'), service('demo-feature-x--worker')]);
    mockElb(elbMock, { 'demo-feature-x--web': ['unhealthy'], 'demo-feature-x--api': ['healthy'] }, { Reason: 'Target.ResponseCodeMismatch', Description: 'Health checks failed with these codes: [502]' });
    const status = await collectStatus(clients(), target);
    expect(status.verdict).toBe('progressing');
    expect(status.services[0].targets?.healthy).toBe(0);
    expect(status.services[0].problems).toContain('target 10.0.1.10:8080 unhealthy (Target.ResponseCodeMismatch: Health checks failed with these codes: [502])');
    expect(renderStatus(status)).toMatch(/web\s+progressing\s+1\/1\s+COMPLETED\s+stage-demo-feature-x--web:3\s+0\/1 healthy/);
  });

  it('fails for services and target groups that do not exist (env not applied)', async () => {
    mockEcs(ecsMock, []);
    mockElb(elbMock, {});
    const status = await collectStatus(clients(), target);
    expect(status.verdict).toBe('failed');
    expect(status.services.map((s) => s.problems[0])).toEqual([
      'ECS service demo-feature-x--web not found in the cluster (not applied yet?)',
      'ECS service demo-feature-x--api not found in the cluster (not applied yet?)',
      'ECS service demo-feature-x--worker not found in the cluster (not applied yet?)',
    ]);
    expect(elbMock.commandCalls(DescribeTargetGroupsCommand).map((c) => c.args[0].input.Names)).toEqual([['demo-feature-x--web'], ['demo-feature-x--api']]);
  });
});
