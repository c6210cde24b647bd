/**
 * The last log lines of the services that failed apply's smoke test, printed before the failure, so
 * a developer sees why without leaving the script. Best effort: a log read that fails is one note,
 * never the error that replaces the real one.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { logGroupArn, LogEvent } from '../aws/logs';
import { readHistory } from '../aws/logs-history';
import type { LoadedEnv } from '../env/prepare-env';
import { envNames } from '../names/env-resource-names';
import { formatLogLine } from './log-lines';

/** Lines shown per service. */
export const FAILURE_LOG_LINES = 20;

export async function printFailureLogs(
  env: LoadedEnv,
  services: readonly string[],
  since: Date,
  write: (text: string) => void,
  /** @default a client of the env's region from the default credential chain */
  logsClient?: CloudWatchLogsClient,
): Promise<void> {
  if (services.length === 0) return;
  const group = envNames({ tier: env.base.tier, set: env.set.name, env: env.name }).logGroup.value;
  const client = logsClient ?? new (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogsClient({ region: env.base.region, maxAttempts: 2 });
  for (const service of services) {
    const events: LogEvent[] = [];
    try {
      const query = { group, groupArn: logGroupArn(env.base.accountId, env.base.region, group), streamPrefix: `${service}/` };
      await readHistory(client, query, { startTime: since.getTime(), maxPages: 5, signal: AbortSignal.timeout(20_000) }, (event) => {
        events.push(event);
        if (events.length > FAILURE_LOG_LINES) events.shift();
      });
    } catch (error) {
      write(`(the logs of ${service} could not be read: ${(error as Error).message.split('\n')[0]})\n`);
      continue;
    }
    write(events.length === 0 ? `${service}: no log lines since ${since.toISOString()}\n` : `last ${events.length} log lines of ${service}:\n`);
    for (const event of events) write(`${formatLogLine(event, { colour: false })}\n`);
  }
}
