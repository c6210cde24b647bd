import type { DropBaseArgs } from '../command-args';
import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import { listOptions } from './list';


export const dropBaseCommand: CommandModule<object, DropBaseArgs> = {
  command: 'drop-base',
  describe: 'Destroy the base of a tier; refused while any branch env still has state under it',
  builder: (yargs: Argv) =>
    listOptions(yargs)
      .option('yes', { describe: 'Destroy without asking', type: 'boolean', default: false })
      .example('$0 drop-base --tier stage', 'after every stage env is dropped')
      .epilogue(CREDENTIALS_HELP.dropBase) as unknown as Argv<DropBaseArgs>,
  handler: async (args) => {
    const { runDropBase } = await import('../run-drop-base');
    await runDropBase(args);
  },
};
