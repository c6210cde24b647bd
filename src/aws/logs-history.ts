/**
 * Past events of one log group through FilterLogEvents, page by page, bounded: at most `maxPages`
 * pages (then it stops and says so) and never the same page token twice (PageGuard).
 */
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PageGuard } from '../net/page-guard';
import { LogEvent, LogQuery, LogSink, logsError } from './logs';

/** Pages read before stopping; each holds up to 10,000 events or 1 MB. */
export const DEFAULT_HISTORY_PAGES = 100;

export interface HistoryOptions {
  /** Events at or after this time (ms since the epoch). */
  readonly startTime: number;
  /** Events before this time. @default now */
  readonly endTime?: number;
  /** @default DEFAULT_HISTORY_PAGES */
  readonly maxPages?: number;
  readonly signal?: AbortSignal;
}

export interface HistoryResult {
  /** Events handed on. */
  readonly count: number;
  /** Time of the newest event handed on (undefined when none). */
  readonly lastTime?: number;
  /** Ids of the events at lastTime, so a poll that starts there skips them. */
  readonly idsAtLastTime: readonly string[];
  /** True when the page cap was reached with pages left. */
  readonly truncated: boolean;
}

/** Hands every matching event since `startTime` to `sink`, oldest first. */
export async function readHistory(client: CloudWatchLogsClient, query: LogQuery, options: HistoryOptions, sink: LogSink): Promise<HistoryResult> {
  const maxPages = options.maxPages ?? DEFAULT_HISTORY_PAGES;
  const guard = new PageGuard({ label: `CloudWatch Logs ${query.group}`, what: 'FilterLogEvents', maxPages });
  let count = 0;
  let lastTime: number | undefined;
  let idsAtLastTime: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    if (pages >= maxPages) return { count, lastTime, idsAtLastTime, truncated: true };
    guard.visit(nextToken ?? '');
    pages += 1;
    let page;
    try {
      page = await client.send(
        new FilterLogEventsCommand({
          logGroupName: query.group,
          logStreamNamePrefix: query.streamPrefix,
          filterPattern: query.filterPattern,
          startTime: options.startTime,
          endTime: options.endTime,
          nextToken,
        }),
        { abortSignal: options.signal },
      );
    } catch (error) {
      throw logsError(error, query, 'FilterLogEvents');
    }
    for (const e of page.events ?? []) {
      const event: LogEvent = { time: e.timestamp ?? 0, stream: e.logStreamName ?? '', message: e.message ?? '', id: e.eventId };
      if (lastTime === undefined || event.time > lastTime) idsAtLastTime = [];
      lastTime = Math.max(lastTime ?? event.time, event.time);
      if (event.time === lastTime && event.id) idsAtLastTime.push(event.id);
      count += 1;
      sink(event);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return { count, lastTime, idsAtLastTime, truncated: false };
}
