/**
 * The core of the task runner: start the task (start-task.ts), poll DescribeTasks until it stops or the
 * deadline passes, and turn the outcome into a result or an Error whose message says what happened:
 * the exit code and the last log lines, the reason the task never ran, or what to raise on timeout.
 * Clock and sleep are injected so tests run without real time.
 *
 * IAM: ecs:DescribeTasks and ecs:StopTask on the cluster's tasks, plus start-task.ts and task-logs.ts.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTasksCommand, ECSClient, StopTaskCommand, Task } from '@aws-sdk/client-ecs';
import { TaskRunnerEvent } from './event';
import { startTask } from './start-task';
import { lastLogLines, logStreamName } from './task-logs';
import { describeError, fitMessage, lastPart, trimLine } from './text';

export interface RunnerDeps {
  readonly ecs: ECSClient;
  readonly logs: CloudWatchLogsClient;
  /** Current time in milliseconds. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Latest time (on `now`'s scale) the wait may reach: the Lambda's end less a margin. @default no limit */
  readonly lambdaDeadline?: number;
  /** Time between two DescribeTasks calls. @default 5000 */
  readonly pollMs?: number;
  /** @default console.log */
  readonly log?: (line: string) => void;
}

/** What a successful run returns to Terraform (the invocation's `result`). */
export interface RunResult {
  readonly taskArn: string;
  readonly exitCode: 0;
  /** Seconds from the invocation's start to the task's stop. */
  readonly seconds: number;
}

export const STOP_REASON = 'branchenv: migration timed out';
/** DescribeTasks errors in a row before giving up on the task. */
const MAX_DESCRIBE_ERRORS = 3;

/** What a stop code or reason usually means, and what to do about it. */
const HINTS: readonly (readonly [RegExp, string])[] = [
  [/SpotInterruption/, 'Fargate Spot took the capacity back: apply again, or run migrations on FARGATE'],
  [/CannotPullContainerError/, 'check that the image tag exists and that the subnets reach ECR (NAT or VPC endpoints)'],
  [/ResourceInitializationError/, "check the execution role's access to the task's secrets and that the subnets reach Secrets Manager, ECR and CloudWatch Logs"],
  [/OutOfMemory/, 'the container ran out of memory: raise the task memory or make the migration lighter'],
];

function hint(...texts: (string | undefined)[]): string[] {
  const text = texts.filter(Boolean).join(' ');
  return HINTS.filter(([pattern]) => pattern.test(text)).map(([, advice]) => `hint: ${advice}`);
}

/** Runs the event's task to its end; resolves on exit code 0, throws an Error saying why otherwise. */
export async function runTask(event: TaskRunnerEvent, deps: RunnerDeps): Promise<RunResult> {
  const log = deps.log ?? ((line: string) => console.log(line));
  const start = deps.now();
  const deadline = Math.min(start + event.timeoutSeconds * 1000, deps.lambdaDeadline ?? Infinity);
  log(`${event.label}: running ${JSON.stringify(event.command)} in container ${event.container} of ${event.taskDefinition} on cluster ${event.cluster} (${event.capacityProvider}), for at most ${Math.round((deadline - start) / 1000)} s`);

  const taskArn = await startTask(deps.ecs, event, log);
  const taskId = lastPart(taskArn);
  const logLines = () => lastLogLines(deps.logs, { logGroup: event.logGroup, logStream: logStreamName(event.logStreamPrefix, event.container, taskId) });
  const seconds = () => Math.round((deps.now() - start) / 1000);

  const task = await waitForStop(event, deps, taskArn, deadline);
  if (!task) {
    const stopError = await stopTask(deps.ecs, event.cluster, taskArn);
    const stopped = stopError ? `could not stop task ${taskId} (${stopError}): stop it by hand` : `stopped task ${taskId}`;
    throw new Error(fitMessage(
      `${event.label}: still running after ${seconds()} s; ${stopped}. ` +
        'Raise database.migrate.timeoutSeconds (at most ~14 min: the Lambda limit) or make the migration faster',
      await logLines(),
    ));
  }

  const container = task.containers?.find((c) => c.name === event.container);
  const exitCode = container?.exitCode;
  if (exitCode === undefined || exitCode === null) {
    const reasons = [task.stoppedReason, container?.reason].filter((r): r is string => Boolean(r)).map((r) => trimLine(r, 1000));
    throw new Error(fitMessage(
      `${event.label}: task ${taskId} stopped before container ${event.container} ran the migration (${task.stopCode ?? 'no stop code'}): ${reasons.join('; ') || 'ECS gave no reason'}`,
      hint(task.stopCode, ...reasons),
    ));
  }
  if (exitCode !== 0) {
    const reason = container?.reason ? ` (${trimLine(container.reason, 500)})` : '';
    throw new Error(fitMessage(
      `${event.label}: migration command exited with code ${exitCode}${reason}`,
      [...hint(task.stopCode, container?.reason), ...(await logLines())],
    ));
  }
  log(`${event.label}: task ${taskId} exited with code 0 after ${seconds()} s`);
  return { taskArn, exitCode: 0, seconds: seconds() };
}

/** Polls DescribeTasks until the task is STOPPED (returns it) or the deadline passes (returns undefined). */
async function waitForStop(event: TaskRunnerEvent, deps: RunnerDeps, taskArn: string, deadline: number): Promise<Task | undefined> {
  const pollMs = deps.pollMs ?? 5000;
  let errors = 0;
  for (;;) {
    await deps.sleep(Math.max(0, Math.min(pollMs, deadline - deps.now())));
    try {
      const output = await deps.ecs.send(new DescribeTasksCommand({ cluster: event.cluster, tasks: [taskArn] }));
      errors = 0;
      // Right after RunTask the task may be reported MISSING for a moment: keep polling.
      const task = output.tasks?.find((t) => t.taskArn === taskArn);
      if (task?.lastStatus === 'STOPPED') return task;
    } catch (error) {
      errors += 1;
      if (errors >= MAX_DESCRIBE_ERRORS) {
        const stopError = await stopTask(deps.ecs, event.cluster, taskArn);
        const fate = stopError ? `it may still be running (StopTask: ${stopError})` : 'stopped it';
        throw new Error(`${event.label}: could not follow task ${lastPart(taskArn)} (DescribeTasks failed ${errors} times in a row: ${describeError(error)}); ${fate}`);
      }
    }
    if (deps.now() >= deadline) return undefined;
  }
}

/** StopTask, best effort: undefined when the stop was accepted, else what went wrong. */
async function stopTask(client: ECSClient, cluster: string, taskArn: string): Promise<string | undefined> {
  try {
    await client.send(new StopTaskCommand({ cluster, task: taskArn, reason: STOP_REASON }));
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}
