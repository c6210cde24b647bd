import type { ServiceSnapshot } from '../../src/aws/ecs-services';
import type { TargetGroupHealth } from '../../src/aws/target-health';
import { envVerdict, imageTagOf, revisionOf, serviceVerdict, ServiceObservation } from '../../src/status/service-verdict';

const T0 = new Date('2026-11-22T07:00:00Z');
const later = (s: number) => new Date(T0.getTime() + s * 1000);

function snapshot(overrides: Partial<ServiceSnapshot> = {}): ServiceSnapshot {
  return {
    name: 'demo-x--web',
    status: 'ACTIVE',
    desired: 2,
    running: 2,
    pending: 0,
    taskDefinition: 'arn:aws:ecs:eu-west-1:1:task-definition/stage-demo-x--web:7',
    deployments: [{ id: 'd2', status: 'PRIMARY', rolloutState: 'COMPLETED', desired: 2, running: 2, pending: 0, failedTasks: 0, createdAt: T0 }],
    events: [{ at: later(60), message: '(service demo-x--web) has reached a steady state.' }],
    ...overrides,
  };
}

function targets(...states: string[]): TargetGroupHealth {
  return { name: 'demo-x--web', found: true, arn: 'arn:tg', targets: states.map((state, i) => ({ id: `10.0.0.${i}`, port: 8080, state })) };
}

function observe(s: ServiceSnapshot | undefined, t: TargetGroupHealth | undefined = targets('healthy', 'healthy')): ServiceObservation {
  return { service: 'web', ecsName: 'demo-x--web', snapshot: s, tasks: [], targets: t };
}

describe('serviceVerdict', () => {
  it('is steady: all tasks running, rollout completed, targets healthy', () => {
    expect(serviceVerdict(observe(snapshot()))).toEqual({ service: 'web', verdict: 'steady', rolledBack: false, problems: [] });
  });

  it('is steady for a private service (no target group)', () => {
    expect(serviceVerdict(observe(snapshot(), undefined)).verdict).toBe('steady');
  });

  it('is progressing while tasks are pending', () => {
    const v = serviceVerdict(observe(snapshot({ running: 1, pending: 1 }), targets('healthy')));
    expect(v.verdict).toBe('progressing');
    expect(v.problems).toContain('1 of 2 tasks running, 1 pending');
    expect(v.problems).toContain('1 of 2 targets healthy');
  });

  it('is progressing while the rollout is in progress and an older deployment drains', () => {
    const v = serviceVerdict(
      observe(
        snapshot({
          deployments: [
            { id: 'd2', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', taskDefinition: 'arn:td/stage-demo-x--web:8', desired: 2, running: 2, pending: 0, failedTasks: 0, createdAt: T0 },
            { id: 'd1', status: 'ACTIVE', rolloutState: 'COMPLETED', desired: 0, running: 1, pending: 0, failedTasks: 0 },
          ],
        }),
      ),
    );
    expect(v.verdict).toBe('progressing');
    expect(v.problems).toEqual(['rollout of stage-demo-x--web:8 in progress', '1 older deployment still running tasks']);
  });

  it('is progressing with unhealthy targets, naming the reason', () => {
    const t: TargetGroupHealth = { ...targets('healthy'), targets: [...targets('healthy').targets, { id: '10.0.0.9', port: 8080, state: 'unhealthy', reason: 'Target.ResponseCodeMismatch', description: 'Health checks failed with these codes: [503]' }] };
    const v = serviceVerdict(observe(snapshot(), t));
    expect(v.verdict).toBe('progressing');
    expect(v.problems).toContain('target 10.0.0.9:8080 unhealthy (Target.ResponseCodeMismatch: Health checks failed with these codes: [503])');
  });

  it('ignores draining targets of old tasks', () => {
    expect(serviceVerdict(observe(snapshot(), targets('healthy', 'healthy', 'draining'))).verdict).toBe('steady');
  });

  it('fails loudly when the circuit breaker failed the rollout and rolls back', () => {
    const v = serviceVerdict(
      observe(
        snapshot({
          deployments: [
            { id: 'd3', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId d2.', desired: 2, running: 2, pending: 0, failedTasks: 0, createdAt: later(300) },
            { id: 'd2', status: 'ACTIVE', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.', desired: 0, running: 0, pending: 0, failedTasks: 3 },
          ],
        }),
      ),
    );
    expect(v.verdict).toBe('failed');
    expect(v.rolledBack).toBe(true);
    expect(v.problems[0]).toBe('ROLLOUT FAILED: deployment d2: ECS deployment circuit breaker: tasks failed to start.');
    expect(v.problems[1]).toMatch(/^ROLLED BACK: .*rolling back to deploymentId d2/);
  });

  it('sees a finished rollback in the events since the given time, not before', () => {
    const s = snapshot({
      events: [
        { at: later(400), message: '(service demo-x--web) has reached a steady state.' },
        { at: later(200), message: '(service demo-x--web) rolling back to deployment ecs-svc/123.' },
      ],
    });
    const v = serviceVerdict(observe(s), { since: later(100) });
    expect([v.verdict, v.rolledBack]).toEqual(['failed', true]);
    expect(v.problems).toEqual(['ROLLED BACK: (service demo-x--web) rolling back to deployment ecs-svc/123.']);
    expect(serviceVerdict(observe(s), { since: later(300) }).verdict).toBe('steady');
  });

  it('with since, ignores a FAILED rollout and a rollback reason of deployments created before it', () => {
    // An earlier apply was rolled back (d2 FAILED, d3 rolling back); this apply started after both.
    const s = snapshot({
      deployments: [
        { id: 'd3', status: 'PRIMARY', rolloutState: 'COMPLETED', rolloutStateReason: 'ECS deployment circuit breaker: rolling back to deploymentId d1.', desired: 2, running: 2, pending: 0, failedTasks: 0, createdAt: later(300) },
        { id: 'd2', status: 'ACTIVE', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.', desired: 0, running: 0, pending: 0, failedTasks: 3, createdAt: later(100) },
      ],
      events: [{ at: later(400), message: '(service demo-x--web) has reached a steady state.' }],
    });
    const v = serviceVerdict(observe(s), { since: later(500) });
    expect([v.verdict, v.rolledBack]).toEqual(['steady', false]);
    expect(v.problems).toEqual([]);
    // Since before the rollback: both count.
    const before = serviceVerdict(observe(s), { since: later(50) });
    expect([before.verdict, before.rolledBack]).toEqual(['failed', true]);
    expect(before.problems[0]).toMatch(/^ROLLOUT FAILED: deployment d2/);
    // Since between them: only d3's rollback reason counts.
    const between = serviceVerdict(observe(s), { since: later(200) });
    expect(between.problems).toEqual(['ROLLED BACK: ECS deployment circuit breaker: rolling back to deploymentId d1.']);
    // Without since every deployment counts, as before.
    expect(serviceVerdict(observe(s)).rolledBack).toBe(true);
  });

  it('fails for a missing service, a missing target group, or a desired count of 0', () => {
    expect(serviceVerdict(observe(undefined)).problems).toEqual(['ECS service demo-x--web not found in the cluster (not applied yet?)']);
    expect(serviceVerdict(observe(snapshot(), { name: 'demo-x--web', found: false, targets: [] })).verdict).toBe('failed');
    expect(serviceVerdict(observe(snapshot({ desired: 0, running: 0 }), targets())).verdict).toBe('failed');
  });
});

describe('envVerdict, revisionOf, imageTagOf', () => {
  it('takes the worst verdict', () => {
    expect(envVerdict([{ verdict: 'steady' }, { verdict: 'progressing' }])).toBe('progressing');
    expect(envVerdict([{ verdict: 'failed' }, { verdict: 'progressing' }])).toBe('failed');
    expect(envVerdict([{ verdict: 'steady' }])).toBe('steady');
  });

  it('reads revision and tag', () => {
    expect(revisionOf('arn:aws:ecs:eu-west-1:1:task-definition/stage-demo-x--web:7')).toBe('stage-demo-x--web:7');
    expect(imageTagOf('127.0.0.1:5000/demo/web:feature-x-3-abc')).toBe('feature-x-3-abc');
    expect(imageTagOf('127.0.0.1:5000/demo/web')).toBe('127.0.0.1:5000/demo/web');
    expect(imageTagOf('r/web@sha256:abc')).toBe('sha256:abc');
  });
});
