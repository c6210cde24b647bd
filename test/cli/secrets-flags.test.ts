/** `env secrets` parsing: each action gets the env options; the work (run-secrets) is replaced by a recorder. */
import yargs from 'yargs';
import type { SecretsArgs } from '../../src/cli/command-args';
import { secretsCommand } from '../../src/cli/commands/secrets';

const seen: SecretsArgs[] = [];
jest.mock('../../src/cli/run-secrets', () => ({ runSecrets: async (args: SecretsArgs) => void seen.push(args) }));

async function parse(argv: string[]): Promise<SecretsArgs> {
  seen.length = 0;
  await yargs(argv)
    .command(secretsCommand)
    .strict()
    .fail((message, error) => {
      throw error ?? new Error(message);
    })
    .parseAsync();
  if (seen.length !== 1) throw new Error('handler not called');
  return seen[0];
}

describe('env secrets flags', () => {
  it('parses set, list and rm with the env options', async () => {
    await expect(parse(['secrets', 'set', 'feature-x', 'API_KEY', '--set', 'demo'])).resolves.toMatchObject({ action: 'set', target: 'feature-x', names: ['API_KEY'], set: 'demo', tier: 'stage', local: false });
    await expect(parse(['secrets', 'list', '--set', 'demo', '--json'])).resolves.toMatchObject({ action: 'list', json: true, names: [] });
    await expect(parse(['secrets', 'rm', '--branch', 'feature/x', 'A', 'B', '--set', 'demo', '--tier', 'prod'])).resolves.toMatchObject({ action: 'rm', target: 'A', names: ['B'], branch: 'feature/x', tier: 'prod' });
  });

  it('needs --set and a known action', async () => {
    await expect(parse(['secrets', 'list'])).rejects.toThrow(/--set/);
    await expect(parse(['secrets', 'show', '--set', 'demo'])).rejects.toThrow(/set, list or rm/);
  });
});
