import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';
import { STACK_KINDS } from '../../stacks/stack-kinds';

export interface SynthArgs {
  readonly targets: string[];
  readonly tier?: Tier;
  readonly set?: string;
  readonly image: string[];
  readonly tag?: string;
  readonly registry?: string;
  readonly insecureRegistry: string[];
  readonly fallbackBranch: string;
  readonly local: boolean;
  readonly commit?: string;
  readonly createdBy?: string;
  readonly out: string;
  readonly bootstrap: boolean;
  readonly json: boolean;
}

export const synthCommand: CommandModule<object, SynthArgs> = {
  command: 'synth [targets..]',
  describe: 'Write Terraform JSON to <out>/stacks/<stack>/cdk.tf.json: base stacks, or one branch env with --set',
  builder: (yargs: Argv) =>
    yargs
      .positional('targets', {
        describe: `Base stacks (${STACK_KINDS.join(', ')}; all when none), or with --set the branch or env name (default: the current branch)`,
        type: 'string',
        array: true,
        default: [] as string[],
      })
      .option('tier', { describe: 'Tier (base stacks: every tier when absent; envs: stage)', choices: TIERS, type: 'string' })
      .option('set', { describe: 'Service set: synthesize one branch env of it', type: 'string' })
      .option('image', { describe: 'Pin one service: <service>=<image reference> (repeatable)', type: 'string', array: true, default: [] as string[] })
      .option('tag', { describe: 'Image tag for every per-branch repository of the set', type: 'string' })
      .option('registry', { describe: 'Replace the registry host of every per-branch repository', type: 'string' })
      .option('insecure-registry', { describe: 'Registry host reachable over plain HTTP (repeatable)', type: 'string', array: true, default: [] as string[] })
      .option('fallback-branch', { describe: 'Branch whose newest image a service falls back to', type: 'string', default: process.env.BRANCHENV_FALLBACK_BRANCH ?? 'develop' })
      .option('local', { describe: 'Local mode: local state, base values from defaults, no AWS calls', type: 'boolean', default: false })
      .option('commit', { describe: 'Commit recorded in tags (default: git HEAD)', type: 'string' })
      .option('created-by', { describe: 'Creator recorded in tags (default: CI actor or $USER)', type: 'string' })
      .option('out', { describe: 'Output folder', type: 'string', default: 'cdktf.out' })
      .option('bootstrap', {
        describe: 'Give the state-bucket stack local state, for its first apply (see README)',
        type: 'boolean',
        default: false,
      })
      .option('json', { describe: 'Print the written stacks as JSON', type: 'boolean', default: false })
      .example('$0 synth base --tier stage', 'the stage base only')
      .example('$0 synth state-bucket --tier prod --bootstrap', 'the prod state bucket, with local state for its first apply')
      .example('$0 synth feature/login --set demo --tag feature-login-1a2b3c-42-9f8e7d6', 'one env of the demo set') as unknown as Argv<SynthArgs>,
  handler: async (args) => {
    const { runSynth } = await import('./synth-run');
    await runSynth(args);
  },
};
