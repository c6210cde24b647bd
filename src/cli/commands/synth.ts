import * as path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';
import { prepareEnv } from '../../env/prepare-env';
import { UserError } from '../../errors/user-error';
import { selectStacks, STACK_KINDS, StackKind, StackSpec } from '../../stacks/catalog';
import { synthesize } from '../../synth/synthesize';
import { envRequestFromArgs } from '../env-request-from-args';

export interface SynthArgs {
  readonly targets: string[];
  readonly tier?: Tier;
  readonly set?: string;
  readonly image: string[];
  readonly tag?: string;
  readonly local: boolean;
  readonly commit?: string;
  readonly createdBy?: string;
  readonly out: string;
  readonly bootstrap: boolean;
  readonly json: boolean;
}

/** Resolves the positional stack kinds (none means all). */
export function resolveKinds(names: readonly string[]): StackKind[] {
  if (names.length === 0) return [...STACK_KINDS];
  const unknown = names.filter((n) => !(STACK_KINDS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new UserError(`unknown stack "${unknown.join('", "')}"`, `choose from: ${STACK_KINDS.join(', ')}, or an env with --set <set>`);
  }
  return [...new Set(names)] as StackKind[];
}

function envSpec(args: SynthArgs): StackSpec {
  if (args.targets.length > 1) throw new UserError(`name one env, got ${args.targets.join(', ')}`, 'env synth <branch-or-env> --set <set>');
  const request = envRequestFromArgs(args.targets[0], { ...args, set: args.set!, tier: args.tier ?? 'stage' }, process.cwd(), process.env);
  return prepareEnv(request).spec;
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
  handler: (args) => {
    const specs = args.set
      ? [envSpec(args)]
      : selectStacks(resolveKinds(args.targets), args.tier ? [args.tier] : [...TIERS], { bootstrap: args.bootstrap });
    const written = synthesize(specs, args.out);
    if (args.json) {
      process.stdout.write(JSON.stringify(written.map((s) => ({ stack: s.id, file: s.file })), null, 2) + '\n');
      return;
    }
    for (const stack of written) {
      const relative = path.relative(process.cwd(), stack.file);
      process.stdout.write(`${stack.id}\t${relative.startsWith('..') ? stack.file : relative}\n`);
    }
  },
};
