/**
 * Starting the one-off task with RunTask: one task, in the env's private subnets, on the capacity
 * provider asked for. A FARGATE_SPOT run that finds no Spot capacity is retried once on FARGATE (a
 * migration should not wait for Spot). Any other failure throws an Error naming ECS's reason.
 *
 * IAM: ecs:RunTask on the task definition, iam:PassRole on its task and execution roles, and
 * ecs:TagResource (condition ecs:CreateAction = RunTask) because tags propagate from the task definition.
 */
import { ECSClient, Failure, RunTaskCommand, RunTaskCommandInput } from '@aws-sdk/client-ecs';
import { CapacityProvider, TaskRunnerEvent } from './event';
import { describeError } from './text';

/** `startedBy` of every task this function runs: find them with `aws ecs list-tasks --started-by`. */
export const STARTED_BY = 'branchenv-migrate';

/** The RunTask request for the event on one capacity provider. */
export function runTaskInput(event: TaskRunnerEvent, capacityProvider: CapacityProvider): RunTaskCommandInput {
  return {
    cluster: event.cluster,
    taskDefinition: event.taskDefinition,
    count: 1,
    capacityProviderStrategy: [{ capacityProvider, weight: 1 }],
    networkConfiguration: {
      awsvpcConfiguration: { subnets: [...event.subnets], securityGroups: [...event.securityGroups], assignPublicIp: 'DISABLED' },
    },
    overrides: { containerOverrides: [{ name: event.container, command: [...event.command] }] },
    startedBy: STARTED_BY,
    propagateTags: 'TASK_DEFINITION',
  };
}

/** RunTask's answer: the task started, or why none was. */
type Attempt = { readonly taskArn: string } | { readonly failures: readonly Failure[] };

async function attempt(client: ECSClient, event: TaskRunnerEvent, capacityProvider: CapacityProvider): Promise<Attempt> {
  let output;
  try {
    output = await client.send(new RunTaskCommand(runTaskInput(event, capacityProvider)));
  } catch (error) {
    throw new Error(`${event.label}: RunTask of ${event.taskDefinition} on cluster ${event.cluster} (${capacityProvider}) failed: ${describeError(error)}`);
  }
  const taskArn = output.tasks?.[0]?.taskArn;
  if (taskArn) return { taskArn };
  return { failures: output.failures ?? [] };
}

/** `reason (detail)` of each failure, or a plain note when ECS gave none. */
export function failureText(failures: readonly Failure[]): string {
  if (failures.length === 0) return 'RunTask returned no task and no failure';
  return failures.map((f) => (f.detail ? `${f.reason ?? 'unknown reason'} (${f.detail})` : f.reason ?? 'unknown reason')).join('; ');
}

/** Whether ECS refused for lack of capacity (e.g. "Capacity is unavailable at this time…"). */
export function isCapacityFailure(failures: readonly Failure[]): boolean {
  return failures.length > 0 && failures.every((f) => /capacity/i.test(`${f.reason ?? ''} ${f.detail ?? ''}`));
}

/** Runs the task and returns its ARN; throws an Error naming ECS's reason when none started. */
export async function startTask(client: ECSClient, event: TaskRunnerEvent, log: (line: string) => void): Promise<string> {
  const first = await attempt(client, event, event.capacityProvider);
  if ('taskArn' in first) return first.taskArn;
  if (event.capacityProvider === 'FARGATE_SPOT' && isCapacityFailure(first.failures)) {
    log(`${event.label}: no FARGATE_SPOT capacity (${failureText(first.failures)}); retrying once on FARGATE`);
    const second = await attempt(client, event, 'FARGATE');
    if ('taskArn' in second) return second.taskArn;
    throw new Error(`${event.label}: RunTask started no task: on FARGATE_SPOT ${failureText(first.failures)}; retried on FARGATE: ${failureText(second.failures)}`);
  }
  throw new Error(`${event.label}: RunTask started no task (${event.capacityProvider}): ${failureText(first.failures)}`);
}
