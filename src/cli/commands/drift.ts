import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../../errors/user-error';
import { tierOptions } from './list';
import type { DriftArgs } from '../command-args';

export const driftCommand: CommandModule<object, DriftArgs> = {
  command: 'drift',
  describe: 'Report what changed in AWS outside Terraform, in the base and every protected env (exit 2 when anything drifted)',
  builder: (yargs: Argv) =>
    tierOptions(yargs)
      .option('markdown', { describe: 'Print Markdown (a table and the drifted resources) for a CI job summary or an issue comment', type: 'boolean', default: false })
      .check((argv) => {
        if (argv.markdown && argv.json) throw new UserError('--markdown and --json each choose the output: pass one', 'e.g. env drift --markdown');
        return true;
      })
      .example('$0 drift --tier stage', 'refresh-only plans of the stage base and its protected envs')
      .epilogue(
        'Protected envs: BRANCHENV_PROTECTED_ENVS (default develop, main, master, prod). Credentials: read access to everything the stacks hold (a refresh reads every resource) and the state bucket.',
      ) as unknown as Argv<DriftArgs>,
  handler: async (args) => {
    const { runDrift } = await import('../run-drift');
    await runDrift(args);
  },
};
