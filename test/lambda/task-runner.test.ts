/** The task runner Lambda (src/lambda/task-runner): how a stopped task becomes a result or an error, against mocked ECS and CloudWatch Logs. */
import { GetLogEventsCommand, ResourceNotFoundException } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTasksCommand, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { runTask } from '../../src/lambda/task-runner/run-task';
import { deps, ecsMock, event, failure, logEvents, logsMock, resetMocks, stopped, stream, taskArn } from './task-runner-fixture';

beforeEach(resetMocks);

describe('runTask outcome', () => {
  it('runs the command on the capacity provider in the private subnets, waits for exit 0 and returns the task', async () => {
    ecsMock.on(DescribeTasksCommand).resolvesOnce({ tasks: [{ taskArn, lastStatus: 'RUNNING' }] }).resolves({ tasks: [stopped({}, 0)] });
    const { deps: d, sleep, lines } = deps();
    await expect(runTask(event, d)).resolves.toEqual({ taskArn, exitCode: 0, seconds: 10 });
    expect(ecsMock.commandCalls(RunTaskCommand)[0].args[0].input).toEqual({
      cluster: 'stage-main',
      taskDefinition: event.taskDefinition,
      count: 1,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1', 'subnet-2'], securityGroups: ['sg-1', 'sg-2'], assignPublicIp: 'DISABLED' } },
      overrides: { containerOverrides: [{ name: 'app', command: ['npm', 'run', 'migrate'] }] },
      startedBy: 'branchenv-migrate',
      propagateTags: 'TASK_DEFINITION',
    });
    expect(ecsMock.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input)).toEqual([
      { cluster: 'stage-main', tasks: [taskArn] },
      { cluster: 'stage-main', tasks: [taskArn] },
    ]);
    expect(sleep.mock.calls).toEqual([[5000], [5000]]);
    expect(lines).toEqual([
      `demo-feature-x: api migrate: running ["npm","run","migrate"] in container app of ${event.taskDefinition} on cluster stage-main (FARGATE_SPOT), for at most 600 s`,
      'demo-feature-x: api migrate: task 0123abcd exited with code 0 after 10 s',
    ]);
    expect(logsMock.commandCalls(GetLogEventsCommand)).toHaveLength(0);
    expect(ecsMock.commandCalls(StopTaskCommand)).toHaveLength(0);
  });

  it('keeps polling while DescribeTasks does not know the task yet', async () => {
    ecsMock.on(DescribeTasksCommand).resolvesOnce({ tasks: [], failures: [{ arn: taskArn, reason: 'MISSING' }] }).resolves({ tasks: [stopped({}, 0)] });
    await expect(runTask(event, deps().deps)).resolves.toMatchObject({ exitCode: 0 });
    expect(ecsMock.commandCalls(DescribeTasksCommand)).toHaveLength(2);
  });

  it('fails on a non-zero exit with the code and the last log lines in order', async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [stopped({}, 3)] });
    logsMock.on(GetLogEventsCommand).resolves(logEvents('> migrate', 'applying 0042_add_orders', '\u001b[31merror: relation "orders" already exists\u001b[0m\n'));
    const message = await failure(runTask(event, deps().deps));
    expect(message).toBe([
      'demo-feature-x: api migrate: migration command exited with code 3',
      `last 3 log lines (log stream ${stream} of /branchenv/stage/demo/feature-x):`,
      '> migrate',
      'applying 0042_add_orders',
      'error: relation "orders" already exists',
    ].join('\n'));
    expect(logsMock.commandCalls(GetLogEventsCommand)[0].args[0].input).toEqual({
      logGroupName: '/branchenv/stage/demo/feature-x',
      logStreamName: stream,
      startFromHead: false,
      limit: 30,
    });
  });

  it('names the container reason of a non-zero exit (out of memory) with a hint', async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [stopped({ containers: [{ name: 'app', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }] })] });
    logsMock.on(GetLogEventsCommand).resolves(logEvents('loading'));
    const message = await failure(runTask(event, deps().deps));
    expect(message).toContain('exited with code 137 (OutOfMemoryError: Container killed due to memory usage)\nhint: the container ran out of memory');
  });

  it('keeps a long failure under 4 KB: long lines cut, oldest lines left out, newest kept', async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [stopped({}, 1)] });
    logsMock.on(GetLogEventsCommand).resolves(logEvents(...Array.from({ length: 30 }, (_, i) => `line ${i} ${'x'.repeat(1000)}`)));
    const message = await failure(runTask(event, deps().deps));
    // Measured as Terraform prints it: JSON-escaped in the error payload.
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(4096);
    expect(message).toMatch(/^demo-feature-x: api migrate: migration command exited with code 1\n/);
    expect(message).toMatch(/\(\d+ earlier lines left out\)/);
    expect(message).toContain(`line 29 ${'x'.repeat(291)}…`);
    expect(message).not.toContain('line 0 ');
  });

  it('fails with the stopped reason when the task failed to start (no exit code)', async () => {
    const stoppedReason = 'CannotPullContainerError: pull image manifest has been retried 5 time(s): ref not found';
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [stopped({ stopCode: 'TaskFailedToStart', stoppedReason, containers: [{ name: 'app' }] })] });
    const message = await failure(runTask(event, deps().deps));
    expect(message).toBe(
      `demo-feature-x: api migrate: task 0123abcd stopped before container app ran the migration (TaskFailedToStart): ${stoppedReason}\n` +
        'hint: check that the image tag exists and that the subnets reach ECR (NAT or VPC endpoints)',
    );
    expect(logsMock.commandCalls(GetLogEventsCommand)).toHaveLength(0);
  });

  it('names a secrets ResourceInitializationError with the execution role hint', async () => {
    const stoppedReason = 'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: AccessDeniedException';
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [stopped({ stopCode: 'TaskFailedToStart', stoppedReason, containers: [{ name: 'app' }] })] });
    const message = await failure(runTask(event, deps().deps));
    expect(message).toContain(stoppedReason);
    expect(message).toContain("hint: check the execution role's access to the task's secrets");
  });

  it('still gives the exit code and "no log lines" when the log stream does not exist', async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [stopped({}, 2)] });
    logsMock.on(GetLogEventsCommand).rejects(new ResourceNotFoundException({ message: 'The specified log stream does not exist.', $metadata: {} }));
    const message = await failure(runTask(event, deps().deps));
    expect(message).toBe(
      'demo-feature-x: api migrate: migration command exited with code 2\n' +
        `no log lines (log stream ${stream} of /branchenv/stage/demo/feature-x does not exist: the container may never have started)`,
    );
  });

  it('still gives the exit code when reading the logs fails otherwise', async () => {
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [stopped({}, 2)] });
    logsMock.on(GetLogEventsCommand).rejects(Object.assign(new Error('not authorized to perform: logs:GetLogEvents'), { name: 'AccessDeniedException' }));
    const message = await failure(runTask(event, deps().deps));
    expect(message).toContain('migration command exited with code 2\nno log lines (could not read log stream');
    expect(message).toContain('AccessDeniedException: not authorized to perform: logs:GetLogEvents)');
  });

});
