import {
  AccessDeniedException,
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { filterPatternOf, LogEvent, logGroupArn, LogGroupMissingError, LogQuery, streamPrefixOf } from '../../src/aws/logs';
import { HISTORY_REQUEST_TIMEOUT_MS, readHistory } from '../../src/aws/logs-history';
import { UserError } from '../../src/errors/user-error';
import { envNames } from '../../src/names/env-resource-names';
import { NetworkError } from '../../src/net/network-error';

const client = new CloudWatchLogsClient({ region: 'eu-west-1' });
const logs = mockClient(client);
const group = envNames({ tier: 'stage', set: 'demo', env: 'feature-login' }).logGroup.value;
const query: LogQuery = {
  group,
  groupArn: logGroupArn('123456789012', 'eu-west-1', group),
  streamPrefix: streamPrefixOf('web', 'app'),
  filterPattern: filterPatternOf('ERROR 500'),
};

beforeEach(() => logs.reset());

function collect(): { events: LogEvent[]; sink: (e: LogEvent) => void } {
  const events: LogEvent[] = [];
  return { events, sink: (e) => events.push(e) };
}

describe('log query parts', () => {
  it('names the env log group and its ARN without :*', () => {
    expect(group).toBe('/branchenv/stage/demo/feature-login');
    expect(query.groupArn).toBe('arn:aws:logs:eu-west-1:123456789012:log-group:/branchenv/stage/demo/feature-login');
    expect(logGroupArn('1', 'cn-north-1', 'g')).toBe('arn:aws-cn:logs:cn-north-1:1:log-group:g');
  });

  it('maps --service and --container to the awslogs stream prefix', () => {
    expect(streamPrefixOf(undefined, undefined)).toBeUndefined();
    expect(streamPrefixOf('web', undefined)).toBe('web/');
    expect(streamPrefixOf('web', 'envoy')).toBe('web/envoy/');
    expect(() => streamPrefixOf(undefined, 'envoy')).toThrow(UserError);
  });

  it('quotes plain --filter text as one literal phrase and passes patterns on', () => {
    expect(filterPatternOf(undefined)).toBeUndefined();
    expect(filterPatternOf('ERROR 500')).toBe('"ERROR 500"');
    expect(filterPatternOf('say "hi"')).toBe('"say \\"hi\\""');
    expect(filterPatternOf('{ $.level = "error" }')).toBe('{ $.level = "error" }');
    expect(filterPatternOf('?ERROR ?WARN')).toBe('?ERROR ?WARN');
  });
});

describe('readHistory', () => {
  it('reads every page with the group, stream prefix, filter and start time', async () => {
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({
        events: [{ eventId: 'e1', timestamp: 1000, logStreamName: 'web/app/t1', message: 'first' }],
        nextToken: 'page-2',
      })
      .resolvesOnce({ events: [], nextToken: 'page-3' })
      .resolvesOnce({
        events: [
          { eventId: 'e2', timestamp: 2000, logStreamName: 'web/app/t2', message: 'second' },
          { eventId: 'e3', timestamp: 2000, logStreamName: 'web/app/t1', message: 'third' },
        ],
      });
    const { events, sink } = collect();
    const result = await readHistory(client, query, { startTime: 500 }, sink);
    expect(events.map((e) => e.message)).toEqual(['first', 'second', 'third']);
    expect(result).toEqual({ count: 3, lastTime: 2000, idsAtLastTime: ['e2', 'e3'], truncated: false });
    const inputs = logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => i.nextToken)).toEqual([undefined, 'page-2', 'page-3']);
    for (const input of inputs) {
      expect(input).toMatchObject({
        logGroupName: '/branchenv/stage/demo/feature-login',
        logStreamNamePrefix: 'web/app/',
        filterPattern: '"ERROR 500"',
        startTime: 500,
      });
    }
  });

  it('stops with an error when the next token repeats a page already read', async () => {
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({ events: [{ eventId: 'a', timestamp: 1, logStreamName: 'web/app/t', message: 'a' }], nextToken: 'same' })
      .resolves({ events: [], nextToken: 'same' });
    const { events, sink } = collect();
    await expect(readHistory(client, query, { startTime: 0 }, sink)).rejects.toThrow(NetworkError);
    await expect(readHistory(client, query, { startTime: 0 }, sink)).rejects.toThrow(/looped back/);
    // First listing: the first page, the page named 'same', then 'same' again is refused before a third call.
    expect(logs.commandCalls(FilterLogEventsCommand).length).toBe(4);
    expect(events.map((e) => e.message)).toEqual(['a']);
  });

  it('stops after the page cap and says it was cut short', async () => {
    let page = 0;
    logs.on(FilterLogEventsCommand).callsFake(async () => ({ events: [], nextToken: `t${++page}` }));
    const result = await readHistory(client, query, { startTime: 0, maxPages: 3 }, () => undefined);
    expect(result.truncated).toBe(true);
    expect(logs.commandCalls(FilterLogEventsCommand)).toHaveLength(3);
  });

  it('says the env was not applied when the log group does not exist', async () => {
    logs.on(FilterLogEventsCommand).rejects(new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: {} }));
    const error = await readHistory(client, query, { startTime: 0 }, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LogGroupMissingError);
    expect((error as Error).message).toBe('log group /branchenv/stage/demo/feature-login does not exist: the env has not been applied (or was dropped)');
  });

  it('says when the credentials may not read the group', async () => {
    logs.on(FilterLogEventsCommand).rejects(new AccessDeniedException({ message: 'denied', $metadata: {} }));
    await expect(readHistory(client, query, { startTime: 0 }, () => undefined)).rejects.toThrow(/no access to log group .* \(AccessDeniedException on FilterLogEvents\)/);
  });
});

/** A client whose FilterLogEvents answers after `delayMs` (never, when undefined) unless its request is aborted first. */
function slowClient(delayMs?: number): { client: CloudWatchLogsClient; signals: AbortSignal[] } {
  const signals: AbortSignal[] = [];
  let page = 0;
  const send = (_command: unknown, options?: { abortSignal?: AbortSignal }) =>
    new Promise((resolve, reject) => {
      const signal = options?.abortSignal;
      if (signal) signals.push(signal);
      const timer = delayMs === undefined ? undefined : setTimeout(() => resolve({ events: [], nextToken: ++page < 4 ? `t${page}` : undefined }), delayMs);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' }));
      });
    });
  return { client: { send } as unknown as CloudWatchLogsClient, signals };
}

describe('readHistory deadline', () => {
  it('bounds each FilterLogEvents call at 30 s by default', () => {
    expect(HISTORY_REQUEST_TIMEOUT_MS).toBe(30_000);
  });

  it('abandons a call that never answers and names the log group that did not answer', async () => {
    const { client: hanging, signals } = slowClient();
    const error = await readHistory(hanging, query, { startTime: 0, requestTimeoutMs: 50 }, () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe(`CloudWatch Logs did not answer FilterLogEvents on log group ${group} within 0.05 s`);
    expect(signals).toHaveLength(1);
    expect(signals[0].aborted).toBe(true);
  });

  it('also applies with a caller signal, and a caller abort is not reported as a timeout', async () => {
    const { client: hanging } = slowClient();
    const caller = new AbortController();
    const timedOut = await readHistory(hanging, query, { startTime: 0, requestTimeoutMs: 50, signal: caller.signal }, () => undefined).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(NetworkError);

    const reading = readHistory(hanging, query, { startTime: 0, requestTimeoutMs: 10_000, signal: caller.signal }, () => undefined).catch((e: unknown) => e);
    caller.abort();
    const aborted = await reading;
    expect(aborted).not.toBeInstanceOf(NetworkError);
    expect((aborted as Error).name).toBe('AbortError');
  });

  it('gives each page its own deadline, so a long listing of quick pages is not cut short', async () => {
    const { client: slow, signals } = slowClient(30);
    const result = await readHistory(slow, query, { startTime: 0, requestTimeoutMs: 80 }, () => undefined);
    expect(result.truncated).toBe(false);
    expect(signals).toHaveLength(4);
    expect(signals.every((s) => !s.aborted)).toBe(true);
  });
});
