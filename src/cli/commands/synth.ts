import type { Argv, CommandModule } from 'yargs';
import { TIERS } from '../../definitions/base-definition';
import { STACK_KINDS } from '../../stacks/stack-kinds';
import type { SynthArgs } from '../command-args';
import { envFlags } from '../env-options';

export const synthCommand: CommandModule<object, SynthArgs> = {
  command: 'synth [targets..]',
  describe: 'Write Terraform JSON to <out>/stacks/<stack>/cdk.tf.json: base stacks, or one branch env with --set',
  builder: (yargs: Argv) =>
    envFlags(yargs)
      .positional('targets', {
        describe: `Base stacks (${STACK_KINDS.join(', ')}; all when none), or with --set the branch or env name (default: the current branch)`,
        type: 'string',
        array: true,
        default: [] as string[],
      })
      .option('tier', { describe: 'Tier (base stacks: every tier when absent; envs: stage)', choices: TIERS, type: 'string' })
      .option('set', { describe: 'Service set: synthesize one branch env of it', type: 'string' })
      .option('out', { describe: 'Output folder', type: 'string', default: 'cdktf.out' })
      .option('bootstrap', {
        describe: 'Give the state-bucket stack local state, for its first apply (see README)',
        type: 'boolean',
        default: false,
      })
      .example('$0 synth base --tier stage', 'the stage base only')
      .example('$0 synth state-bucket --tier prod --bootstrap', 'the prod state bucket, with local state for its first apply')
      .example('$0 synth feature/login --set demo --tag feature-login-1a2b3c-42-9f8e7d6', 'one env of the demo set') as unknown as Argv<SynthArgs>,
  handler: async (args) => {
    const { runSynth } = await import('./synth-run');
    await runSynth(args);
  },
};
