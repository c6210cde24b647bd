import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { printFailureLogs, FAILURE_LOG_LINES } from '../../src/cli/failure-logs';
import { loadEnv } from '../../src/env/prepare-env';

const env = loadEnv({ tier: 'stage', set: 'demo', selector: { kind: 'branch', branch: 'feature/Login-Form' } });

describe('the logs of services that did not come up', () => {
  it('prints the last lines of each failing service, from its own streams since apply started', async () => {
    const logs = mockClient(CloudWatchLogsClient);
    const events = Array.from({ length: 30 }, (_, i) => ({ timestamp: Date.UTC(2026, 10, 22, 8, 0, i), logStreamName: 'api/api/abc', message: `line ${i}`, eventId: String(i) }));
    logs.on(FilterLogEventsCommand).resolves({ events });
    const out: string[] = [];
    const since = new Date('2026-11-22T07:59:00Z');
    await printFailureLogs(env, ['api'], since, (t) => out.push(t), new CloudWatchLogsClient({ region: 'eu-west-1' }));
    const text = out.join('');
    expect(text).toContain(`last ${FAILURE_LOG_LINES} log lines of api:`);
    expect(text).toContain('api/api line 29');
    expect(text).not.toContain('line 9\n');
    const input = logs.commandCalls(FilterLogEventsCommand)[0].args[0].input;
    expect(input).toEqual(expect.objectContaining({ logGroupName: '/branchenv/stage/demo/feature-login-28bb00', logStreamNamePrefix: 'api/', startTime: since.getTime() }));
  });

  it('says in one line when the logs cannot be read, and goes on', async () => {
    const logs = mockClient(CloudWatchLogsClient);
    logs.on(FilterLogEventsCommand).rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    const out: string[] = [];
    await printFailureLogs(env, ['api', 'web'], new Date(0), (t) => out.push(t), new CloudWatchLogsClient({ region: 'eu-west-1' }));
    expect(out.filter((t) => t.startsWith('(the logs of'))).toHaveLength(2);
  });
});
