import * as path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';
import { selectStacks, STACK_KINDS, StackKind } from '../../stacks/catalog';
import { synthesize } from '../../synth/synthesize';
import { UserError } from '../user-error';

export interface SynthArgs {
  readonly stacks: string[];
  readonly tier?: Tier;
  readonly out: string;
  readonly bootstrap: boolean;
  readonly json: boolean;
}

/** Resolves the positional stack kinds (none means all). */
export function resolveKinds(names: readonly string[]): StackKind[] {
  if (names.length === 0) return [...STACK_KINDS];
  const unknown = names.filter((n) => !(STACK_KINDS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new UserError(`unknown stack "${unknown.join('", "')}"`, `choose from: ${STACK_KINDS.join(', ')}`);
  }
  return [...new Set(names)] as StackKind[];
}

export const synthCommand: CommandModule<object, SynthArgs> = {
  command: 'synth [stacks..]',
  describe: 'Write the Terraform JSON of the named stacks to <out>/stacks/<stack>/cdk.tf.json',
  builder: (yargs: Argv) =>
    yargs
      .positional('stacks', {
        describe: `Stacks to write (${STACK_KINDS.join(', ')}); all when none is named`,
        type: 'string',
        array: true,
        default: [] as string[],
      })
      .option('tier', { describe: 'Only this tier (default: every tier)', choices: TIERS, type: 'string' })
      .option('out', { describe: 'Output folder', type: 'string', default: 'cdktf.out' })
      .option('bootstrap', {
        describe: 'Give the state-bucket stack local state, for its first apply (see README)',
        type: 'boolean',
        default: false,
      })
      .option('json', { describe: 'Print the written stacks as JSON', type: 'boolean', default: false })
      .example('$0 synth base --tier stage', 'the stage base only')
      .example('$0 synth state-bucket --tier prod --bootstrap', 'the prod state bucket, with local state for its first apply') as unknown as Argv<SynthArgs>,
  handler: (args) => {
    const kinds = resolveKinds(args.stacks);
    const tiers = args.tier ? [args.tier] : [...TIERS];
    const written = synthesize(selectStacks(kinds, tiers, { bootstrap: args.bootstrap }), args.out);
    if (args.json) {
      process.stdout.write(JSON.stringify(written.map((s) => ({ stack: s.id, file: s.file })), null, 2) + '\n');
      return;
    }
    for (const stack of written) process.stdout.write(`${stack.id}\t${path.relative(process.cwd(), stack.file) || stack.file}\n`);
  },
};
