/**
 * `env logs`: the env's log group (`/branchenv/<tier>/<set>/<env>`), history since --since through
 * FilterLogEvents, then with --follow new events through live tail (or polling). Ctrl-C ends it with
 * exit 0. The CloudWatch Logs client is built here from the default credential chain.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { filterPatternOf, LogEvent, logGroupArn, LogQuery, streamPrefixOf } from '../aws/logs';
import { DEFAULT_HISTORY_PAGES, readHistory } from '../aws/logs-history';
import { followLogs } from '../aws/logs-tail';
import { UserError } from '../errors/user-error';
import { envNames } from '../names/env-resource-names';
import { parseDuration } from '../time/duration';
import type { LogsArgs } from './command-args';
import { loadEnvOf } from './env-context';
import { formatLogJson, formatLogLine, wantsColour } from './log-lines';

export async function runLogs(args: LogsArgs, cwd: string): Promise<void> {
  if (args.local) throw new UserError('logs reads CloudWatch Logs in AWS; local mode has no logs', 'drop --local');
  const since = sinceOf(args.since);
  const env = loadEnvOf(args, cwd);
  if (args.service !== undefined && !env.set.services.some((s) => s.name === args.service)) {
    throw new UserError(`set ${env.set.name} has no service ${args.service}`, `services: ${env.set.services.map((s) => s.name).join(', ')}`);
  }
  const group = envNames({ tier: env.base.tier, set: env.set.name, env: env.name }).logGroup.value;
  const query: LogQuery = {
    group,
    groupArn: logGroupArn(env.base.accountId, env.base.region, group),
    streamPrefix: streamPrefixOf(args.service, args.container),
    filterPattern: filterPatternOf(args.filter),
  };
  const { CloudWatchLogsClient } = await import('@aws-sdk/client-cloudwatch-logs');
  const client = new CloudWatchLogsClient({ region: env.base.region });
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  const outputClosed = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') controller.abort();
  };
  process.once('SIGINT', interrupt);
  process.stdout.on('error', outputClosed);
  try {
    await printLogs(client, query, {
      since,
      follow: args.follow,
      json: args.json,
      colour: wantsColour(process.stdout.isTTY, process.env),
      signal: controller.signal,
      write: (line) => process.stdout.write(line),
      note: (text) => process.stderr.write(`env: ${text}\n`),
      now: Date.now(),
    });
  } finally {
    process.off('SIGINT', interrupt);
    process.stdout.off('error', outputClosed);
    client.destroy();
  }
}

/** `--since 10m` → milliseconds, or a UserError that says what is accepted. */
export function sinceOf(text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new UserError(`--since: ${(error as Error).message}`, 'e.g. --since 10m, --since 2h, --since 1d');
  }
}

export interface PrintLogsOptions {
  /** History from `now - since`. */
  readonly since: number;
  readonly follow: boolean;
  readonly json: boolean;
  readonly colour: boolean;
  /** Aborted by Ctrl-C or a closed stdout: stop quietly. */
  readonly signal: AbortSignal;
  readonly write: (text: string) => void;
  readonly note: (text: string) => void;
  readonly now: number;
  /** @default DEFAULT_HISTORY_PAGES */
  readonly maxPages?: number;
  /** Polling interval when live tail is refused. @default 2000 */
  readonly pollIntervalMs?: number;
}

/** Prints the history of `query`, then (with follow) new events, until done or aborted. */
export async function printLogs(client: CloudWatchLogsClient, query: LogQuery, options: PrintLogsOptions): Promise<void> {
  const { signal } = options;
  const print = (event: LogEvent) => {
    if (signal.aborted) return;
    options.write(`${options.json ? formatLogJson(event) : formatLogLine(event, { colour: options.colour })}\n`);
  };
  const startTime = options.now - options.since;
  let history;
  try {
    history = await readHistory(client, query, { startTime, maxPages: options.maxPages, signal }, print);
  } catch (error) {
    if (signal.aborted) return;
    throw error;
  }
  if (history.truncated) {
    options.note(`history stopped after ${options.maxPages ?? DEFAULT_HISTORY_PAGES} pages; narrow it with --since, --service or --filter`);
  }
  if (!options.follow || signal.aborted) return;
  await followLogs(
    client,
    query,
    { signal, note: options.note, from: history.lastTime ?? options.now, seenIds: history.idsAtLastTime, intervalMs: options.pollIntervalMs, maxPages: options.maxPages },
    print,
  );
}
