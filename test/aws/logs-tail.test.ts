import {
  AccessDeniedException,
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  SessionTimeoutException,
  StartLiveTailCommand,
  StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { LogEvent, logGroupArn, LogQuery } from '../../src/aws/logs';
import { followLogs, liveTail, pollTail } from '../../src/aws/logs-tail';

const client = new CloudWatchLogsClient({ region: 'eu-west-1' });
const logs = mockClient(client);
const group = '/branchenv/stage/demo/feature-login';
const query: LogQuery = { group, groupArn: logGroupArn('123456789012', 'eu-west-1', group), streamPrefix: 'web/', filterPattern: '"ERROR"' };

beforeEach(() => logs.reset());

async function* stream(...items: StartLiveTailResponseStream[]): AsyncGenerator<StartLiveTailResponseStream> {
  for (const item of items) yield item;
}

function update(...events: { message: string; timestamp: number }[]): StartLiveTailResponseStream {
  return {
    sessionUpdate: {
      sessionMetadata: { sampled: false },
      sessionResults: events.map((e) => ({ ...e, logStreamName: 'web/app/t1', logGroupIdentifier: query.groupArn })),
    },
  };
}

describe('liveTail', () => {
  it('hands on the events of the stream and returns when it ends, asking for the group ARN, prefix and pattern', async () => {
    logs.on(StartLiveTailCommand).resolves({
      responseStream: stream({ sessionStart: { sessionId: 's1' } }, update({ message: 'one', timestamp: 1 }), update({ message: 'two', timestamp: 2 })),
    });
    const events: LogEvent[] = [];
    const end = await liveTail(client, query, { signal: new AbortController().signal }, (e) => events.push(e));
    expect(end).toBe('ended');
    expect(events).toEqual([
      { time: 1, stream: 'web/app/t1', message: 'one' },
      { time: 2, stream: 'web/app/t1', message: 'two' },
    ]);
    expect(logs.commandCalls(StartLiveTailCommand)[0].args[0].input).toEqual({
      logGroupIdentifiers: ['arn:aws:logs:eu-west-1:123456789012:log-group:/branchenv/stage/demo/feature-login'],
      logStreamNamePrefixes: ['web/'],
      logEventFilterPattern: '"ERROR"',
    });
  });

  it('returns when aborted while the stream waits for the next event', async () => {
    const controller = new AbortController();
    async function* endless(): AsyncGenerator<StartLiveTailResponseStream> {
      yield update({ message: 'one', timestamp: 1 });
      await new Promise(() => undefined); // the service sends nothing more
    }
    logs.on(StartLiveTailCommand).resolves({ responseStream: endless() });
    const events: LogEvent[] = [];
    const end = await liveTail(client, query, { signal: controller.signal }, (e) => {
      events.push(e);
      setTimeout(() => controller.abort(), 5);
    });
    expect(end).toBe('aborted');
    expect(events.map((e) => e.message)).toEqual(['one']);
  });

  it('starts a new session when one reaches its time limit', async () => {
    logs.on(FilterLogEventsCommand).resolves({ events: [] });
    logs
      .on(StartLiveTailCommand)
      .resolvesOnce({ responseStream: stream(update({ message: 'one', timestamp: 1 }), { SessionTimeoutException: new SessionTimeoutException({ message: 'session reached 3 hours', $metadata: {} }) }) })
      .resolvesOnce({ responseStream: stream(update({ message: 'two', timestamp: 2 })) });
    const events: LogEvent[] = [];
    await followLogs(client, query, { signal: new AbortController().signal, from: 0 }, (e) => events.push(e));
    expect(events.map((e) => e.message)).toEqual(['one', 'two']);
    expect(logs.commandCalls(StartLiveTailCommand)).toHaveLength(2);
  });
  it('also starts a new session when the stream throws the time-limit exception', async () => {
    async function* timesOut(): AsyncGenerator<StartLiveTailResponseStream> {
      yield update({ message: 'one', timestamp: 1 });
      throw new SessionTimeoutException({ message: 'session reached 3 hours', $metadata: {} });
    }
    logs.on(FilterLogEventsCommand).resolves({ events: [] });
    logs
      .on(StartLiveTailCommand)
      .resolvesOnce({ responseStream: timesOut() })
      .resolvesOnce({ responseStream: stream(update({ message: 'two', timestamp: 2 })) });
    const events: LogEvent[] = [];
    await followLogs(client, query, { signal: new AbortController().signal, from: 0 }, (e) => events.push(e));
    expect(events.map((e) => e.message)).toEqual(['one', 'two']);
  });
});

describe('followLogs around each live tail session', () => {
  const at = (eventId: string, timestamp: number, message: string) => ({ eventId, timestamp, logStreamName: 'web/app/t1', message });

  it('reads the events between the history read and the session start once, without repeating any', async () => {
    logs.on(StartLiveTailCommand).resolves({
      responseStream: stream({ sessionStart: { sessionId: 's1' } }, update({ message: 'gap', timestamp: 1500 }), update({ message: 'live', timestamp: 2000 })),
    });
    // e1 was the last event of the history read; 'gap' arrived before the session started.
    logs.on(FilterLogEventsCommand).resolves({ events: [at('e1', 1000, 'history'), at('e2', 1500, 'gap')] });
    const events: LogEvent[] = [];
    const notes: string[] = [];
    await followLogs(client, query, { signal: new AbortController().signal, from: 1000, seenIds: ['e1'], note: (n) => notes.push(n) }, (e) => events.push(e));
    expect(events.map((e) => e.message)).toEqual(['gap', 'live']);
    const reads = logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ logGroupName: group, logStreamNamePrefix: 'web/', filterPattern: '"ERROR"', startTime: 1000 });
  });

  it('reads the gap again after a renewed session starts, from the newest event shown', async () => {
    logs
      .on(StartLiveTailCommand)
      .resolvesOnce({ responseStream: stream(update({ message: 'one', timestamp: 2000 }), { SessionTimeoutException: new SessionTimeoutException({ message: 'session reached 3 hours', $metadata: {} }) }) })
      .resolvesOnce({ responseStream: stream(update({ message: 'two', timestamp: 3000 })) });
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({ events: [] })
      .resolvesOnce({ events: [at('x1', 2000, 'one'), at('x2', 2500, 'between')] });
    const events: LogEvent[] = [];
    await followLogs(client, query, { signal: new AbortController().signal, from: 0 }, (e) => events.push(e));
    expect(events.map((e) => e.message)).toEqual(['one', 'between', 'two']);
    expect(logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input.startTime)).toEqual([0, 2000]);
  });

  it('says on stderr when a stream ends without reaching its time limit', async () => {
    logs.on(FilterLogEventsCommand).resolves({ events: [] });
    logs.on(StartLiveTailCommand).resolves({ responseStream: stream(update({ message: 'one', timestamp: 1 })) });
    const notes: string[] = [];
    await followLogs(client, query, { signal: new AbortController().signal, from: 0, note: (n) => notes.push(n) }, () => undefined);
    expect(notes).toEqual([`live tail of ${group} ended (the service closed the stream); no longer following`]);
  });

  it('says nothing when the user stops it', async () => {
    logs.on(FilterLogEventsCommand).resolves({ events: [] });
    async function* endless(): AsyncGenerator<StartLiveTailResponseStream> {
      yield update({ message: 'one', timestamp: 1 });
      await new Promise(() => undefined);
    }
    logs.on(StartLiveTailCommand).resolves({ responseStream: endless() });
    const controller = new AbortController();
    const notes: string[] = [];
    await followLogs(client, query, { signal: controller.signal, from: 0, note: (n) => notes.push(n) }, () => setTimeout(() => controller.abort(), 5));
    expect(notes).toEqual([]);
  });

  it('keeps following when the gap cannot be read, and says some events may be missing', async () => {
    logs.on(FilterLogEventsCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    logs.on(StartLiveTailCommand).resolves({ responseStream: stream(update({ message: 'live', timestamp: 5 })) });
    const events: LogEvent[] = [];
    const notes: string[] = [];
    await followLogs(client, query, { signal: new AbortController().signal, from: 0, note: (n) => notes.push(n) }, (e) => events.push(e));
    expect(events.map((e) => e.message)).toEqual(['live']);
    expect(notes[0]).toMatch(/could not read the events since 1970-01-01T00:00:00.000Z \(throttled\); some may be missing/);
  });
});

describe('followLogs falls back to polling', () => {
  it.each([
    ['AccessDeniedException', new AccessDeniedException({ message: 'not allowed: logs:StartLiveTail', $metadata: {} })],
    ['UnknownOperationException', Object.assign(new Error('unknown operation'), { name: 'UnknownOperationException' })],
  ])('when StartLiveTail is refused with %s', async (_code, refusal) => {
    logs.on(StartLiveTailCommand).rejects(refusal);
    logs
      .on(FilterLogEventsCommand)
      .resolvesOnce({ events: [{ eventId: 'e1', timestamp: 5000, logStreamName: 'web/app/t1', message: 'polled' }] })
      .resolves({ events: [{ eventId: 'e1', timestamp: 5000, logStreamName: 'web/app/t1', message: 'polled' }, { eventId: 'e2', timestamp: 6000, logStreamName: 'web/app/t1', message: 'later' }] });
    const controller = new AbortController();
    const events: LogEvent[] = [];
    const notes: string[] = [];
    await followLogs(client, query, { signal: controller.signal, from: 4000, intervalMs: 1, lookbackMs: 500, note: (n) => notes.push(n) }, (e) => {
      events.push(e);
      if (events.length === 2) controller.abort();
    });
    expect(events.map((e) => e.message)).toEqual(['polled', 'later']);
    expect(notes.join('\n')).toMatch(/live tail unavailable .*polling FilterLogEvents every 0.001 s/);
    const inputs = logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input);
    expect(inputs[0]).toMatchObject({ logGroupName: group, logStreamNamePrefix: 'web/', filterPattern: '"ERROR"', startTime: 4000 });
    expect(inputs[1].startTime).toBe(4500); // 500 ms behind the newest event seen
  });

  it('does not poll when StartLiveTail fails for another reason', async () => {
    logs.on(StartLiveTailCommand).rejects(Object.assign(new Error('boom'), { name: 'ServiceUnavailableException' }));
    await expect(followLogs(client, query, { signal: new AbortController().signal, from: 0, intervalMs: 1 }, () => undefined)).rejects.toThrow('boom');
    expect(logs.commandCalls(FilterLogEventsCommand)).toHaveLength(0);
  });
});

describe('pollTail', () => {
  const at = (eventId: string, timestamp: number, message: string) => ({ eventId, timestamp, logStreamName: 'web/app/t', message });

  it('skips events already printed at the start time and never reaches before it', async () => {
    const controller = new AbortController();
    const events: LogEvent[] = [];
    let polls = 0;
    logs.on(FilterLogEventsCommand).callsFake(async () => {
      polls += 1;
      if (polls === 3) controller.abort();
      return polls === 1 ? { events: [at('old', 100, 'already printed'), at('new', 100, 'new at the same time')] } : { events: [at('new', 100, 'new at the same time')] };
    });
    await pollTail(client, query, { signal: controller.signal, from: 100, seenIds: ['old'], intervalMs: 1 }, (e) => events.push(e));
    expect(events.map((e) => e.message)).toEqual(['new at the same time']);
    expect(logs.commandCalls(FilterLogEventsCommand).every((c) => c.args[0].input.startTime === 100)).toBe(true);
  });

  it('shows an event that arrives late with an older time once, and reaches back only the lookback', async () => {
    const controller = new AbortController();
    const events: LogEvent[] = [];
    const answers = [
      { events: [at('b', 20_000, 'from task b')] },
      // Task a's batch arrives later with an older timestamp; b is returned again and not reprinted.
      { events: [at('a', 15_000, 'from task a, late'), at('b', 20_000, 'from task b')] },
      { events: [at('a', 15_000, 'from task a, late'), at('b', 20_000, 'from task b')] },
    ];
    logs.on(FilterLogEventsCommand).callsFake(async () => {
      const calls = logs.commandCalls(FilterLogEventsCommand).length;
      if (calls === answers.length) controller.abort();
      return answers[calls - 1];
    });
    await pollTail(client, query, { signal: controller.signal, from: 1000, intervalMs: 1, lookbackMs: 10_000 }, (e) => events.push(e));
    expect(events.map((e) => e.message)).toEqual(['from task b', 'from task a, late']);
    expect(logs.commandCalls(FilterLogEventsCommand).map((c) => c.args[0].input.startTime)).toEqual([1000, 10_000, 10_000]);
  });
});
