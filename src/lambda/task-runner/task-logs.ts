/**
 * The last lines a task's container wrote, read from CloudWatch Logs. The awslogs driver names the
 * stream `<stream prefix>/<container>/<task id>`. Reading never fails the caller: a missing stream
 * or a failed call becomes a "no log lines (…)" note in the message instead.
 *
 * IAM: logs:GetLogEvents on the log group's streams.
 */
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describeError, trimLine } from './text';

/** How many lines a failure message shows. */
export const LOG_LINES = 30;

/** The stream the awslogs driver writes a task's container to. */
export function logStreamName(prefix: string, container: string, taskId: string): string {
  return `${prefix}/${container}/${taskId}`;
}

export interface LogStreamRef {
  readonly logGroup: string;
  readonly logStream: string;
}

/**
 * The last `limit` lines of the stream, oldest first, trimmed (see trimLine), as the lines of a
 * message: a heading then the lines, or one "no log lines (why)" line.
 */
export async function lastLogLines(client: CloudWatchLogsClient, ref: LogStreamRef, limit = LOG_LINES): Promise<string[]> {
  const where = `log stream ${ref.logStream} of ${ref.logGroup}`;
  let messages: string[];
  try {
    // startFromHead false reads the newest page; its events still come oldest first.
    const page = await client.send(new GetLogEventsCommand({ logGroupName: ref.logGroup, logStreamName: ref.logStream, startFromHead: false, limit }));
    messages = (page.events ?? []).map((event) => event.message ?? '');
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return [`no log lines (${where} does not exist: the container may never have started)`];
    return [`no log lines (could not read ${where}: ${describeError(error)})`];
  }
  // A message may hold several lines (one event per write); keep the last `limit` lines.
  const lines = messages.flatMap((message) => message.split(/\r?\n/)).map((line) => trimLine(line));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const last = lines.slice(-limit);
  if (last.length === 0) return [`no log lines (${where} is empty)`];
  return [`last ${last.length} log lines (${where}):`, ...last];
}
