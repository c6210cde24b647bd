import type { ReapArgs } from '../command-args';
import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import { listOptions, UNREADABLE_STATES_HELP } from './list';


export const reapCommand: CommandModule<object, ReapArgs> = {
  command: 'reap',
  describe: 'Drop envs whose expiry passed or that have not changed for --older-than; a dry run unless --yes',
  builder: (yargs: Argv) =>
    listOptions(yargs)
      .option('older-than', { describe: 'Also reap envs unchanged for this long (30m, 12h, 7d, 2w)', type: 'string' })
      .option('yes', { describe: 'Really drop them (default: only list them)', type: 'boolean', default: false })
      .example('$0 reap --older-than 7d', 'what would be dropped')
      .example('$0 reap --older-than 7d --yes', 'drop them (never protected envs)')
      .epilogue(`${UNREADABLE_STATES_HELP}\nreap never drops an env whose state it cannot read.\n${CREDENTIALS_HELP.reap}`) as unknown as Argv<ReapArgs>,
  handler: async (args) => {
    const { runReap } = await import('../run-reap');
    await runReap(args);
  },
};
