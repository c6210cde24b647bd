import type { ListArgs } from '../command-args';
import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';


/** How list and reap treat a state object they cannot read (shown in their --help). */
export const UNREADABLE_STATES_HELP = [
  'A state object that is not a Terraform state (not JSON, truncated, wrong shape) does not stop the command:',
  'it is named on stderr, "env: skipped <key>: not a Terraform state (<reason>)" (with --json too, whose stdout',
  'keeps its form); the other envs are used as usual, and the command exits 1.',
].join('\n');

export function listOptions<T>(yargs: Argv<T>): Argv<T & ListArgs> {
  return tierOptions(yargs.option('set', { describe: 'Only envs of this set (default: every set)', type: 'string' })) as unknown as Argv<T & ListArgs>;
}

/** The options of a command over a whole tier's states (capacity, drift; list adds --set). */
export function tierOptions<T>(yargs: Argv<T>): Argv<T & Omit<ListArgs, 'set'>> {
  return yargs
    .option('tier', { describe: 'Tier', choices: TIERS, default: 'stage' as Tier })
    .option('local', { describe: 'The local state store (embedded S3)', type: 'boolean', default: false })
    .option('out', { describe: 'Working folder (local mode keeps its state under it)', type: 'string', default: '.branchenv' })
    .option('json', { describe: 'Machine-readable output', type: 'boolean', default: false }) as unknown as Argv<T & Omit<ListArgs, 'set'>>;
}

export const listCommand: CommandModule<object, ListArgs> = {
  command: 'list',
  describe: 'List every env with state in the bucket: name, owning branch, last change, age, expiry',
  builder: (yargs: Argv) =>
    listOptions(yargs)
      .example('$0 list --set demo', 'envs of the demo set in stage')
      .epilogue(`${UNREADABLE_STATES_HELP}\n${CREDENTIALS_HELP.list}`) as unknown as Argv<ListArgs>,
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
        const owner = s.branch === undefined ? '' : `\tbranch ${s.branch}`;
        process.stdout.write(`${s.set}\t${s.env}\tchanged ${s.lastModified.toISOString()}\t${ageDays}d old\texpires ${s.expiresOn ?? '?'}\t${s.resources} resources${owner}\n`);
      }
    });
  },
};
