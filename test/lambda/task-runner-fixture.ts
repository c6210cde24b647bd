/** What the task runner tests share: mocked ECS and CloudWatch Logs, an event, a fake clock, task shapes. */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient, RunTaskCommand, StopTaskCommand, Task } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { TaskRunnerEvent } from '../../src/lambda/task-runner/event';
import { RunnerDeps } from '../../src/lambda/task-runner/run-task';

export const ecsMock = mockClient(ECSClient);
export const logsMock = mockClient(CloudWatchLogsClient);
export const taskArn = 'arn:aws:ecs:eu-west-1:111111111111:task/stage-main/0123abcd';
export const stream = 'api-migrate/app/0123abcd';
export const event: TaskRunnerEvent = {
  cluster: 'stage-main',
  taskDefinition: 'arn:aws:ecs:eu-west-1:111111111111:task-definition/stage-demo-feature-x--api-migrate:3',
  container: 'app',
  command: ['npm', 'run', 'migrate'],
  subnets: ['subnet-1', 'subnet-2'],
  securityGroups: ['sg-1', 'sg-2'],
  capacityProvider: 'FARGATE_SPOT',
  logGroup: '/branchenv/stage/demo/feature-x',
  logStreamPrefix: 'api-migrate',
  timeoutSeconds: 600,
  label: 'demo-feature-x: api migrate',
};

/** A fake clock: sleep advances `now` at once. */
export function deps(overrides: Partial<RunnerDeps> = {}) {
  let t = 1_000_000;
  const lines: string[] = [];
  const sleep = jest.fn(async (ms: number) => {
    t += ms;
  });
  const base: RunnerDeps = { ecs: new ECSClient({ region: 'eu-west-1' }), logs: new CloudWatchLogsClient({ region: 'eu-west-1' }), now: () => t, sleep, log: (line) => lines.push(line) };
  return { deps: { ...base, ...overrides }, sleep, lines };
}

export function stopped(overrides: Partial<Task> = {}, exitCode?: number): Task {
  return { taskArn, lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', containers: [{ name: 'app', exitCode }], ...overrides };
}

export function logEvents(...messages: string[]) {
  return { events: messages.map((message, i) => ({ timestamp: i, message })) };
}

export async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (e: Error) => e);
  if (!error) throw new Error('expected the run to fail');
  return error.message;
}

/** Mocks reset, RunTask starting the task and StopTask answering: call in beforeEach. */
export function resetMocks(): void {
  ecsMock.reset();
  logsMock.reset();
  ecsMock.on(RunTaskCommand).resolves({ tasks: [{ taskArn }], failures: [] });
  ecsMock.on(StopTaskCommand).resolves({});
}
