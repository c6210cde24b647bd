import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';
import type { DriftArgs } from '../command-args';

export const driftCommand: CommandModule<object, DriftArgs> = {
  command: 'drift',
  describe: 'Report what changed in AWS outside Terraform, in the base and every protected env (exit 2 when anything drifted)',
  builder: (yargs: Argv) =>
    yargs
      .option('tier', { describe: 'Tier', choices: TIERS, default: 'stage' as Tier })
      .option('local', { describe: 'The local state store (embedded S3)', type: 'boolean', default: false })
      .option('out', { describe: 'Working folder for the stacks and terraform', type: 'string', default: '.branchenv' })
      .option('json', { describe: 'Machine-readable output', type: 'boolean', default: false })
      .example('$0 drift --tier stage', 'refresh-only plans of the stage base and its protected envs')
      .epilogue(
        'Protected envs: BRANCHENV_PROTECTED_ENVS (default develop, main, master, prod). Credentials: read access to everything the stacks hold (a refresh reads every resource) and the state bucket.',
      ) as unknown as Argv<DriftArgs>,
  handler: async (args) => {
    const { runDrift } = await import('../run-drift');
    await runDrift(args);
  },
};
