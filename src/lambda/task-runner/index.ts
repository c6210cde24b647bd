/**
 * Lambda entry of the task runner (bundled by scripts/bundle.js into dist/lambda/task-runner.js):
 * Terraform's `aws_lambda_invocation` sends an event (event.ts); the function runs it as a one-off
 * ECS task, waits, and returns `{ taskArn, exitCode: 0, seconds }` or fails with the exit code and
 * the last log lines (run-task.ts). The environment is read here only: AWS_REGION.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { parseEvent } from './event';
import { RunnerDeps, RunResult, runTask } from './run-task';

/** Time kept back from the Lambda's own timeout to stop the task and read its logs. */
export const LAMBDA_MARGIN_MS = 30_000;

/** The part of the Lambda context this function uses. */
export interface LambdaContext {
  getRemainingTimeInMillis(): number;
}

/** A handler over the given clients and clock; the deadline comes from each invocation's context. */
export function createHandler(deps: Omit<RunnerDeps, 'lambdaDeadline'>) {
  return async (event: unknown, context: LambdaContext): Promise<RunResult> => {
    try {
      const parsed = parseEvent(event);
      const lambdaDeadline = deps.now() + context.getRemainingTimeInMillis() - LAMBDA_MARGIN_MS;
      return await runTask(parsed, { ...deps, lambdaDeadline });
    } catch (error) {
      throw withoutStack(error);
    }
  };
}

/**
 * The error with its stack cut to its first line. The Lambda runtime sends `error.stack` as the
 * payload's `trace`, and Terraform prints the whole payload: a full stack would repeat the message
 * and add frames of minified code.
 */
export function withoutStack(error: unknown): unknown {
  if (error instanceof Error) error.stack = `${error.name}: ${error.message.split('\n')[0]}`;
  return error;
}

// Clients live across warm invocations.
const region = process.env.AWS_REGION;
const runner = createHandler({
  ecs: new ECSClient({ region }),
  logs: new CloudWatchLogsClient({ region }),
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

export async function handler(event: unknown, context: LambdaContext): Promise<RunResult> {
  return runner(event, context);
}
