import yargs from 'yargs';
import { logsCommand } from '../../src/cli/commands/logs';
import type { LogsArgs } from '../../src/cli/command-args';

async function parse(argv: string[]): Promise<LogsArgs> {
  let seen: LogsArgs | undefined;
  await yargs(argv)
    .command({ ...logsCommand, handler: (args) => void (seen = args) })
    .strict()
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseAsync();
  if (!seen) throw new Error('handler not called');
  return seen;
}

describe('env logs flags', () => {
  it('takes the env, --set, the stream filters, --since, -f, --filter and --json', async () => {
    const args = await parse(['logs', 'feature/login', '--set', 'demo', '--service', 'web', '--container', 'envoy', '--since', '2h', '-f', '--filter', 'ERROR', '--json']);
    expect(args).toMatchObject({ target: 'feature/login', set: 'demo', tier: 'stage', service: 'web', container: 'envoy', since: '2h', follow: true, filter: 'ERROR', json: true });
  });

  it('defaults to ten minutes of history, no follow, text output', async () => {
    const args = await parse(['logs', '--set', 'demo']);
    expect(args).toMatchObject({ since: '10m', follow: false, json: false });
    expect(args.target).toBeUndefined();
  });

  it('needs --set', async () => {
    await expect(parse(['logs'])).rejects.toThrow(/--set/);
  });
});
