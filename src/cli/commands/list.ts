import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';

export interface ListArgs {
  readonly set?: string;
  readonly tier: Tier;
  readonly local: boolean;
  readonly out: string;
  readonly json: boolean;
}

export function listOptions<T>(yargs: Argv<T>): Argv<T & ListArgs> {
  return yargs
    .option('set', { describe: 'Only envs of this set (default: every set)', type: 'string' })
    .option('tier', { describe: 'Tier', choices: TIERS, default: 'stage' as Tier })
    .option('local', { describe: 'The local state store (embedded S3)', type: 'boolean', default: false })
    .option('out', { describe: 'Working folder (local mode keeps its state under it)', type: 'string', default: '.branchenv' })
    .option('json', { describe: 'Machine-readable output', type: 'boolean', default: false }) as unknown as Argv<T & ListArgs>;
}

export const listCommand: CommandModule<object, ListArgs> = {
  command: 'list',
  describe: 'List every env with state in the bucket: name, last change, age, expiry',
  builder: (yargs: Argv) => listOptions(yargs).example('$0 list --set demo', 'envs of the demo set in stage') as unknown as Argv<ListArgs>,
  handler: async (args) => {
    const { withEnvStates } = await import('../run-list');
    await withEnvStates(args, async (states) => {
      if (args.json) {
        process.stdout.write(JSON.stringify(states, null, 2) + '\n');
        return;
      }
      if (states.length === 0) process.stdout.write('no env has state here\n');
      const now = Date.now();
      for (const s of states) {
        const ageDays = Math.floor((now - s.lastModified.getTime()) / 86_400_000);
        process.stdout.write(`${s.set}\t${s.env}\tchanged ${s.lastModified.toISOString()}\t${ageDays}d old\texpires ${s.expiresOn ?? '?'}\t${s.resources} resources\n`);
      }
    });
  },
};
