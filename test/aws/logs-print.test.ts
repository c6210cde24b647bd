import { CloudWatchLogsClient, FilterLogEventsCommand, ResourceNotFoundException, StartLiveTailCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { logGroupArn, LogQuery } from '../../src/aws/logs';
import { PrintLogsOptions, printLogs, sinceOf } from '../../src/cli/run-logs';
import { UserError } from '../../src/errors/user-error';

const client = new CloudWatchLogsClient({ region: 'eu-west-1' });
const logs = mockClient(client);
const group = '/branchenv/stage/demo/feature-login';
const query: LogQuery = { group, groupArn: logGroupArn('123456789012', 'eu-west-1', group) };
const now = Date.UTC(2026, 10, 22, 8, 0, 0);

beforeEach(() => logs.reset());

function options(overrides: Partial<PrintLogsOptions> = {}): PrintLogsOptions & { out: string[]; notes: string[] } {
  const out: string[] = [];
  const notes: string[] = [];
  return {
    since: sinceOf('10m'),
    follow: false,
    json: false,
    colour: false,
    signal: new AbortController().signal,
    write: (text) => out.push(text),
    note: (text) => notes.push(text),
    now,
    ...overrides,
    out,
    notes,
  };
}

describe('printLogs', () => {
  it('prints the history since --since as NDJSON and does not tail without --follow', async () => {
    logs.on(FilterLogEventsCommand).resolves({ events: [{ eventId: 'e1', timestamp: now - 1000, logStreamName: 'web/app/t1', message: 'hello' }] });
    const o = options({ json: true });
    await printLogs(client, query, o);
    expect(o.out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual([
      { time: '2026-11-22T07:59:59.000Z', service: 'web', container: 'app', task: 't1', message: 'hello' },
    ]);
    expect(logs.commandCalls(FilterLogEventsCommand)[0].args[0].input.startTime).toBe(now - 600_000);
    expect(logs.commandCalls(StartLiveTailCommand)).toHaveLength(0);
  });

  it('follows with live tail after the history', async () => {
    logs.on(FilterLogEventsCommand).resolves({ events: [{ eventId: 'e1', timestamp: now - 1000, logStreamName: 'web/app/t1', message: 'old' }] });
    async function* events() {
      yield { sessionUpdate: { sessionResults: [{ timestamp: now + 1000, logStreamName: 'web/app/t1', message: 'new' }] } };
    }
    logs.on(StartLiveTailCommand).resolves({ responseStream: events() });
    const o = options({ follow: true });
    await printLogs(client, query, o);
    expect(o.out).toEqual(['2026-11-22T07:59:59.000Z web/app old\n', '2026-11-22T08:00:01.000Z web/app new\n']);
  });

  it('stops quietly when interrupted during the history', async () => {
    const controller = new AbortController();
    logs.on(FilterLogEventsCommand).callsFake(async () => {
      controller.abort();
      throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    });
    const o = options({ follow: true, signal: controller.signal });
    await expect(printLogs(client, query, o)).resolves.toBeUndefined();
    expect(o.out).toEqual([]);
    expect(logs.commandCalls(StartLiveTailCommand)).toHaveLength(0);
  });

  it('says in one line that the env was not applied when its log group is missing', async () => {
    logs.on(FilterLogEventsCommand).rejects(new ResourceNotFoundException({ message: 'The specified log group does not exist.', $metadata: {} }));
    const error = await printLogs(client, query, options({ follow: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/^log group \/branchenv\/stage\/demo\/feature-login does not exist: the env has not been applied/);
    expect((error as Error).message).not.toContain('\n');
    expect(logs.commandCalls(StartLiveTailCommand)).toHaveLength(0);
  });

  it('notes when the history was cut at the page cap', async () => {
    let page = 0;
    logs.on(FilterLogEventsCommand).callsFake(async () => ({ events: [], nextToken: `t${++page}` }));
    const o = options({ maxPages: 2 });
    await printLogs(client, query, o);
    expect(o.notes).toEqual(['history stopped after 2 pages; narrow it with --since, --service or --filter']);
  });

  it('refuses a --since that is not a duration', () => {
    expect(() => sinceOf('ten minutes')).toThrow(UserError);
    expect(sinceOf('2h')).toBe(7_200_000);
  });
});

describe('printLogs with the real SDK', () => {
  it('ends quietly when interrupted while CloudWatch Logs has not answered', async () => {
    const http = await import('node:http');
    const server = http.createServer(() => undefined); // accepts requests, never answers
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const real = new CloudWatchLogsClient({ region: 'eu-west-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    try {
      const o = options({ follow: true, signal: controller.signal });
      await expect(printLogs(real, query, o)).resolves.toBeUndefined();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(o.out).toEqual([]);
    } finally {
      real.destroy();
      server.closeAllConnections();
      server.close();
    }
  });
});
