/** The task runner Lambda (src/lambda/task-runner): starting the task, timeouts and the handler, against mocked ECS and CloudWatch Logs. */
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTasksCommand, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { createHandler } from '../../src/lambda/task-runner/index';
import { runTask } from '../../src/lambda/task-runner/run-task';
import { deps, ecsMock, event, failure, logEvents, logsMock, resetMocks, stopped, stream, taskArn } from './task-runner-fixture';

beforeEach(resetMocks);

describe('runTask start and wait', () => {
  it('fails clearly when RunTask returns failures, without retrying on FARGATE', async () => {
    ecsMock.on(RunTaskCommand).resolves({ tasks: [], failures: [{ arn: event.taskDefinition, reason: 'MISSING', detail: 'task definition is INACTIVE' }] });
    const message = await failure(runTask({ ...event, capacityProvider: 'FARGATE' }, deps().deps));
    expect(message).toBe('demo-feature-x: api migrate: RunTask started no task (FARGATE): MISSING (task definition is INACTIVE)');
    expect(ecsMock.commandCalls(RunTaskCommand)).toHaveLength(1);
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(0);
  });

  it('fails clearly when RunTask itself is refused', async () => {
    ecsMock.on(RunTaskCommand).rejects(Object.assign(new Error('User is not authorized to perform: iam:PassRole'), { name: 'AccessDeniedException' }));
    const message = await failure(runTask(event, deps().deps));
    expect(message).toBe(
      `demo-feature-x: api migrate: RunTask of ${event.taskDefinition} on cluster stage-main (FARGATE_SPOT) failed: AccessDeniedException: User is not authorized to perform: iam:PassRole`,
    );
  });

  it('retries a FARGATE_SPOT capacity failure once on FARGATE and says so', async () => {
    const capacity = { reason: 'Capacity is unavailable at this time. Please try again later or in a different availability zone' };
    ecsMock.on(RunTaskCommand).resolvesOnce({ tasks: [], failures: [capacity] }).resolves({ tasks: [{ taskArn }] });
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [stopped({}, 0)] });
    const { deps: d, lines } = deps();
    await expect(runTask(event, d)).resolves.toMatchObject({ taskArn, exitCode: 0 });
    const strategies = ecsMock.commandCalls(RunTaskCommand).map((c) => c.args[0].input.capacityProviderStrategy);
    expect(strategies).toEqual([[{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], [{ capacityProvider: 'FARGATE', weight: 1 }]]);
    expect(lines[1]).toBe(`demo-feature-x: api migrate: no FARGATE_SPOT capacity (${capacity.reason}); retrying once on FARGATE`);
  });

  it('names both failures when the FARGATE retry fails too', async () => {
    ecsMock.on(RunTaskCommand).resolvesOnce({ failures: [{ reason: 'Capacity is unavailable at this time.' }] }).resolves({ failures: [{ reason: 'RESOURCE:ENI' }] });
    const message = await failure(runTask(event, deps().deps));
    expect(message).toBe('demo-feature-x: api migrate: RunTask started no task: on FARGATE_SPOT Capacity is unavailable at this time.; retried on FARGATE: RESOURCE:ENI');
    expect(ecsMock.commandCalls(RunTaskCommand)).toHaveLength(2);
  });

  it('stops the task at timeoutSeconds and says what to raise', async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [{ taskArn, lastStatus: 'RUNNING' }] });
    logsMock.on(GetLogEventsCommand).resolves(logEvents('applying 0042_backfill (batch 7/900)'));
    const { deps: d, sleep } = deps();
    const message = await failure(runTask({ ...event, timeoutSeconds: 12 }, d));
    expect(message).toBe([
      'demo-feature-x: api migrate: still running after 12 s; stopped task 0123abcd. Raise database.migrate.timeoutSeconds (at most ~14 min: the Lambda limit) or make the migration faster',
      `last 1 log lines (log stream ${stream} of /branchenv/stage/demo/feature-x):`,
      'applying 0042_backfill (batch 7/900)',
    ].join('\n'));
    expect(sleep.mock.calls).toEqual([[5000], [5000], [2000]]);
    expect(ecsMock.commandCalls(StopTaskCommand)[0].args[0].input).toEqual({ cluster: 'stage-main', task: taskArn, reason: 'branchenv: migration timed out' });
  });

  it('says so when the task cannot be stopped at the timeout', async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [{ taskArn, lastStatus: 'RUNNING' }] });
    ecsMock.on(StopTaskCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    logsMock.on(GetLogEventsCommand).resolves(logEvents());
    const message = await failure(runTask({ ...event, timeoutSeconds: 5 }, deps().deps));
    expect(message).toContain('still running after 5 s; could not stop task 0123abcd (AccessDeniedException: denied): stop it by hand. Raise');
    expect(message).toContain(`no log lines (log stream ${stream} of /branchenv/stage/demo/feature-x is empty)`);
  });

  it('stops the task and fails when DescribeTasks fails three times in a row', async () => {
    ecsMock.on(DescribeTasksCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const message = await failure(runTask(event, deps().deps));
    expect(message).toBe('demo-feature-x: api migrate: could not follow task 0123abcd (DescribeTasks failed 3 times in a row: ThrottlingException: Rate exceeded); stopped it');
    expect(ecsMock.commandCalls(StopTaskCommand)).toHaveLength(1);
  });
});

describe('createHandler', () => {
  it('waits no longer than the Lambda time left less 30 s', async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [{ taskArn, lastStatus: 'RUNNING' }] });
    logsMock.on(GetLogEventsCommand).resolves(logEvents('working'));
    const { deps: d } = deps();
    const handler = createHandler(d);
    const message = await failure(handler(event, { getRemainingTimeInMillis: () => 45_000 }));
    expect(message).toMatch(/^demo-feature-x: api migrate: still running after 15 s; stopped task 0123abcd\./);
  });

  it('fails with a one-line stack, so the error payload Terraform prints holds the message once', async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [stopped({}, 3)] });
    logsMock.on(GetLogEventsCommand).resolves(logEvents('boom'));
    const error = await createHandler(deps().deps)(event, { getRemainingTimeInMillis: () => 900_000 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('exited with code 3\nlast 1 log lines');
    expect((error as Error).stack).toBe('Error: demo-feature-x: api migrate: migration command exited with code 3');
  });

  it('refuses an invalid event before calling AWS', async () => {
    const handler = createHandler(deps().deps);
    await expect(handler({ ...event, capacityProvider: 'EC2' }, { getRemainingTimeInMillis: () => 900_000 })).rejects.toThrow('capacityProvider must be one of FARGATE, FARGATE_SPOT, got "EC2"');
    expect(ecsMock.calls()).toHaveLength(0);
  });
});
