import type { Argv, CommandModule } from 'yargs';
import { EnvArgs, envOptions } from '../env-options';

export interface ApplyArgs extends EnvArgs {
  readonly autoApprove: boolean;
}

export const applyCommand: CommandModule<object, ApplyArgs> = {
  command: 'apply [target]',
  aliases: ['a'],
  describe: 'Plan an env, ask, then apply the saved plan with progress, and print its URLs',
  builder: (yargs: Argv) =>
    envOptions(yargs)
      .option('auto-approve', { describe: 'Apply without asking', type: 'boolean', default: false })
      .example('$0 apply --set demo', 'create or update the env of the current branch')
      .example('$0 -A feature/login --set demo', 'the same for CI, without a prompt') as unknown as Argv<ApplyArgs>,
  handler: async (args) => {
    const { runApply } = await import('../run-apply');
    await runApply(args);
  },
};
