/**
 * Past events of one log group through FilterLogEvents, page by page, bounded: at most `maxPages`
 * pages (then it stops and says so) and never the same page token twice (PageGuard).
 */
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { formatSeconds, NetworkError } from '../net/network-error';
import { PageGuard } from '../net/page-guard';
import { LogEvent, LogQuery, LogSink, logsError } from './logs';

/** Pages read before stopping; each holds up to 10,000 events or 1 MB. */
export const DEFAULT_HISTORY_PAGES = 100;

/** How long one FilterLogEvents call may take before it is abandoned (Live Tail has no such bound). */
export const HISTORY_REQUEST_TIMEOUT_MS = 30_000;

export interface HistoryOptions {
  /** Events at or after this time (ms since the epoch). */
  readonly startTime: number;
  /** Events before this time. @default now */
  readonly endTime?: number;
  /** @default DEFAULT_HISTORY_PAGES */
  readonly maxPages?: number;
  /** Deadline of each FilterLogEvents call. @default HISTORY_REQUEST_TIMEOUT_MS */
  readonly requestTimeoutMs?: number;
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
    const request = withDeadline(options.signal, options.requestTimeoutMs ?? HISTORY_REQUEST_TIMEOUT_MS);
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
        { abortSignal: request.signal },
      );
    } catch (error) {
      if (request.timedOut() && !options.signal?.aborted) {
        throw new NetworkError(`CloudWatch Logs did not answer FilterLogEvents on log group ${query.group} within ${formatSeconds(request.timeoutMs)}`, false);
      }
      throw logsError(error, query, 'FilterLogEvents');
    } finally {
      request.dispose();
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

interface Deadline {
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  timedOut(): boolean;
  dispose(): void;
}

/**
 * A signal that aborts when `outer` does or after `timeoutMs`, whichever comes first. Built by hand
 * rather than with AbortSignal.any so that nothing stays attached to a long-lived `outer` (a poll
 * that runs for hours) once the request is over.
 */
function withDeadline(outer: AbortSignal | undefined, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onOuter, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no answer within ${formatSeconds(timeoutMs)}`));
  }, timeoutMs);
  return {
    signal: controller.signal,
    timeoutMs,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
