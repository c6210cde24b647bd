import type { DropArgs } from '../command-args';
import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import { envOptions } from '../env-options';


export const dropCommand: CommandModule<object, DropArgs> = {
  command: 'drop [target]',
  aliases: ['d'],
  describe: 'Destroy an env (asks first; protected envs need --force)',
  builder: (yargs: Argv) =>
    envOptions(yargs)
      .option('yes', { describe: 'Destroy without asking', type: 'boolean', default: false })
      .option('force', { describe: 'Also destroy a protected env (BRANCHENV_PROTECTED_ENVS; develop, main, master, prod by default)', type: 'boolean', default: false })
      .example('$0 drop feature/login --set demo', 'destroy the env of that branch')
      .example('$0 -D feature/login --set demo', 'without a prompt')
      .epilogue(CREDENTIALS_HELP.drop) as unknown as Argv<DropArgs>,
  handler: async (args) => {
    const { runDrop } = await import('../run-drop');
    await runDrop(args);
  },
};
