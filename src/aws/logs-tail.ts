/**
 * New events of one log group as they arrive: a StartLiveTail session (an event stream, renewed when
 * its 3-hour limit ends it), or, where live tail is refused (no logs:StartLiveTail, an older endpoint,
 * a region without it), FilterLogEvents polled every 2 seconds. Both end quietly when `signal` aborts.
 */
import { CloudWatchLogsClient, StartLiveTailCommand } from '@aws-sdk/client-cloudwatch-logs';
import { readHistory } from './logs-history';
import { errorCode, LogEvent, LogQuery, LogSink, logsError } from './logs';

/** Errors that mean "no live tail here", not "no such group": the caller polls instead. */
const UNAVAILABLE = new Set([
  'AccessDeniedException',
  'UnknownOperationException',
  'UnsupportedOperationException',
  'InvalidOperationException',
  'ENOTFOUND',
  'ERR_HTTP2_ERROR',
  'ERR_HTTP2_STREAM_ERROR',
  'ERR_HTTP2_SESSION_ERROR',
]);

/** StartLiveTail was refused; `code` says why. */
export class LiveTailUnavailableError extends Error {
  constructor(readonly code: string, cause: unknown) {
    super(`live tail unavailable (${code})`, { cause });
    this.name = 'LiveTailUnavailableError';
  }
}

/** How a live tail session ended: aborted, the stream closed, or the session's time limit. */
export type LiveTailEnd = 'aborted' | 'ended' | 'timeout';

export interface TailOptions {
  readonly signal: AbortSignal;
  /** Said to the user on stderr (sampling, fallback). */
  readonly note?: (text: string) => void;
}

export interface LiveTailOptions extends TailOptions {
  /**
   * Called once the session has started, before its first event is handed on (followLogs reads the
   * events that arrived between its last read and the session start here).
   */
  readonly onSessionStart?: () => Promise<void>;
}

/** Runs one live tail session, handing each event to `sink` until the stream ends or `signal` aborts. */
export async function liveTail(client: CloudWatchLogsClient, query: LogQuery, options: LiveTailOptions, sink: LogSink): Promise<LiveTailEnd> {
  const { signal } = options;
  if (signal.aborted) return 'aborted';
  let response;
  try {
    response = await client.send(
      new StartLiveTailCommand({
        logGroupIdentifiers: [query.groupArn],
        logStreamNamePrefixes: query.streamPrefix ? [query.streamPrefix] : undefined,
        logEventFilterPattern: query.filterPattern,
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    if (signal.aborted) return 'aborted';
    const code = errorCode(error);
    if (UNAVAILABLE.has(code)) throw new LiveTailUnavailableError(code, error);
    throw logsError(error, query, 'StartLiveTail');
  }
  if (!response.responseStream) throw new LiveTailUnavailableError('no event stream', undefined);
  await options.onSessionStart?.();
  if (signal.aborted) return 'aborted';
  let sampledSaid = false;
  try {
    for await (const item of untilAborted(response.responseStream, signal)) {
      if (item.sessionUpdate) {
        if (item.sessionUpdate.sessionMetadata?.sampled && !sampledSaid) {
          sampledSaid = true;
          options.note?.('more than 500 events a second: live tail shows a sample');
        }
        for (const e of item.sessionUpdate.sessionResults ?? []) {
          sink({ time: e.timestamp ?? 0, stream: e.logStreamName ?? '', message: e.message ?? '' });
        }
      } else if (item.SessionTimeoutException) {
        return 'timeout';
      } else if (item.SessionStreamingException) {
        throw new Error(`live tail of ${query.group} failed: ${item.SessionStreamingException.message ?? 'streaming error'}`);
      }
    }
  } catch (error) {
    if (signal.aborted) return 'aborted';
    if (errorCode(error) === 'SessionTimeoutException') return 'timeout';
    throw error;
  }
  return signal.aborted ? 'aborted' : 'ended';
}

export interface PollOptions extends TailOptions {
  /** Events at or after this time. */
  readonly from: number;
  /** Ids already handed on at `from` (from readHistory), not handed on again. */
  readonly seenIds?: readonly string[];
  /** @default 2000 */
  readonly intervalMs?: number;
  /** Pages per poll. @default 100 */
  readonly maxPages?: number;
  /** How far behind the newest event each poll reaches. @default DEFAULT_POLL_LOOKBACK_MS */
  readonly lookbackMs?: number;
}

/** Late events (older timestamp, arriving after newer ones) within this window are still shown. */
export const DEFAULT_POLL_LOOKBACK_MS = 30_000;

/**
 * Polls FilterLogEvents every interval, handing each event on once, until `signal` aborts. Each poll
 * reaches `lookbackMs` behind the newest event seen (never before `from`), because the awslogs driver
 * sends in batches and one container's events can arrive after another's newer ones; the ids of the
 * events in that window keep them from being printed twice.
 */
export async function pollTail(client: CloudWatchLogsClient, query: LogQuery, options: PollOptions, sink: LogSink): Promise<void> {
  const { signal } = options;
  const lookback = options.lookbackMs ?? DEFAULT_POLL_LOOKBACK_MS;
  const seen = new Map<string, number>((options.seenIds ?? []).map((id) => [id, options.from]));
  let newest = options.from;
  while (!signal.aborted) {
    const startTime = Math.max(options.from, newest - lookback);
    for (const [id, time] of seen) if (time < startTime) seen.delete(id);
    try {
      await readHistory(client, query, { startTime, maxPages: options.maxPages, signal }, (event) => {
        if (event.id !== undefined) {
          if (seen.has(event.id)) return;
          seen.set(event.id, event.time);
        }
        newest = Math.max(newest, event.time);
        sink(event);
      });
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    await sleep(options.intervalMs ?? 2000, signal);
  }
}

/**
 * Follows new events: live tail sessions one after another (each ends after 3 hours), or polling
 * when live tail is refused. Returns when `signal` aborts or a session's stream closes (then it says
 * so through `note`).
 *
 * A live tail session shows only what arrives after it starts, so once each session has started
 * (the first and every renewed one) FilterLogEvents is read once from the newest time shown: the
 * events of the gap between the last read (or the previous session) and the session start. Events
 * already shown are skipped: by id against earlier reads, and, as live tail events carry no id, by
 * time, stream and message against the session's own events.
 */
export async function followLogs(client: CloudWatchLogsClient, query: LogQuery, options: PollOptions, sink: LogSink): Promise<void> {
  const { signal } = options;
  // The newest time shown, and what was shown at exactly that time (catch-up reads start there).
  let lastShown = options.from;
  let idsAtLast = new Set<string>(options.seenIds ?? []);
  let liveKeysAtLast = new Map<string, number>();
  // Events the current session's catch-up read showed, which the session may deliver again.
  let caughtUp = new Map<string, number>();

  const shown = (event: LogEvent, live: boolean) => {
    if (event.time > lastShown) {
      lastShown = event.time;
      idsAtLast = new Set();
      liveKeysAtLast = new Map();
    }
    if (event.time === lastShown) {
      if (event.id !== undefined) idsAtLast.add(event.id);
      if (live) count(liveKeysAtLast, contentKey(event), +1);
    }
    sink(event);
  };
  const catchUp = async () => {
    caughtUp = new Map();
    const from = lastShown;
    try {
      await readHistory(client, query, { startTime: from, maxPages: options.maxPages, signal }, (event) => {
        if (event.id !== undefined && idsAtLast.has(event.id)) return;
        if (event.time === lastShown && count(liveKeysAtLast, contentKey(event), -1)) return;
        count(caughtUp, contentKey(event), +1);
        shown(event, false);
      });
    } catch (error) {
      if (signal.aborted) return;
      options.note?.(`could not read the events since ${new Date(from).toISOString()} (${error instanceof Error ? error.message : String(error)}); some may be missing`);
    }
  };
  const live: LogSink = (event) => {
    if (count(caughtUp, contentKey(event), -1)) return;
    shown(event, true);
  };

  for (;;) {
    let end: LiveTailEnd;
    try {
      end = await liveTail(client, query, { signal, note: options.note, onSessionStart: catchUp }, live);
    } catch (error) {
      if (!(error instanceof LiveTailUnavailableError)) throw error;
      options.note?.(`${error.message}: polling FilterLogEvents every ${(options.intervalMs ?? 2000) / 1000} s instead`);
      return pollTail(client, query, { ...options, from: lastShown, seenIds: [...idsAtLast] }, sink);
    }
    if (end === 'ended') options.note?.(`live tail of ${query.group} ended (the service closed the stream); no longer following`);
    if (end !== 'timeout') return;
  }
}

/** One event's identity when it has no id: its time, stream and message. */
function contentKey(event: LogEvent): string {
  return `${event.time}\u0000${event.stream}\u0000${event.message}`;
}

/** Adds `delta` to `key`'s count; with a negative delta, true when there was one to take (the entry goes at 0). */
function count(counts: Map<string, number>, key: string, delta: 1 | -1): boolean {
  const now = counts.get(key) ?? 0;
  if (delta < 0) {
    if (now === 0) return false;
    if (now === 1) counts.delete(key);
    else counts.set(key, now - 1);
    return true;
  }
  counts.set(key, now + 1);
  return true;
}

/** The items of `stream` until it ends or `signal` aborts (then the stream is told to stop, not awaited). */
async function* untilAborted<T>(stream: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iterator = stream[Symbol.asyncIterator]();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    for (;;) {
      if (signal.aborted) return;
      const next = await Promise.race([iterator.next(), aborted]);
      if (next === 'aborted' || next.done) return;
      yield next.value;
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
    void iterator.return?.()?.catch(() => undefined);
  }
}

/** Waits `ms`, or less when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
