/** The work of `env synth`, loaded only when the command runs (keeps `--help` fast). */
import * as path from 'node:path';
import { TIERS } from '../../definitions/base-definition';
import { UserError } from '../../errors/user-error';
import { selectStacks, STACK_KINDS, StackKind, StackSpec } from '../../stacks/catalog';
import { synthesize } from '../../synth/synthesize';
import { buildEnv, resolveEnv } from '../env-options';
import type { SynthArgs } from '../command-args';

/** Resolves the positional stack kinds (none means all). */
export function resolveKinds(names: readonly string[]): StackKind[] {
  if (names.length === 0) return [...STACK_KINDS];
  const unknown = names.filter((n) => !(STACK_KINDS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new UserError(`unknown stack "${unknown.join('", "')}"`, `choose from: ${STACK_KINDS.join(', ')}, or an env with --set <set>`);
  }
  return [...new Set(names)] as StackKind[];
}

async function envStack(args: SynthArgs): Promise<StackSpec> {
  if (args.targets.length > 1) throw new UserError(`name one env, got ${args.targets.join(', ')}`, 'env synth <branch-or-env> --set <set>');
  const envArgs = { ...args, target: args.targets[0], set: args.set!, tier: args.tier ?? 'stage', json: false };
  const resolved = await resolveEnv(envArgs, process.cwd());
  for (const note of resolved.notes) process.stderr.write(`note: ${note}\n`);
  return buildEnv(resolved, envArgs, process.cwd()).spec;
}

export async function runSynth(args: SynthArgs): Promise<void> {
  const specs = args.set
    ? [await envStack(args)]
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
}
