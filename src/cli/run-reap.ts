import { UserError } from '../errors/user-error';
import { isValidEnvName } from '../names/env-name';
import { envsToReap } from '../state/env-states';
import { parseDuration } from '../time/duration';
import type { ReapArgs } from './command-args';
import { withEnvStates } from './run-list';
import { runDrop } from './run-drop';
import { protectedEnvs } from './settings';

export async function runReap(args: ReapArgs): Promise<void> {
  let olderThan: number | undefined;
  try {
    olderThan = args.olderThan ? parseDuration(args.olderThan) : undefined;
  } catch (error) {
    throw new UserError((error as Error).message, 'e.g. --older-than 7d');
  }
  const victims = await withEnvStates(args, async (states) => {
    // Only names branchenv makes go to drop: a stray key (`…/Foo_Bar/terraform.tfstate`) is reported, never dropped.
    const foreign = states.filter((s) => !isValidEnvName(s.env));
    for (const s of foreign) process.stderr.write(`env: skipped ${s.key}: "${s.env}" is not an env name branchenv makes; look at it by hand\n`);
    return envsToReap(states.filter((s) => isValidEnvName(s.env)), new Date(), olderThan, protectedEnvs());
  });
  if (args.json) process.stdout.write(JSON.stringify(victims.map((v) => ({ set: v.state.set, env: v.state.env, why: v.why })), null, 2) + '\n');
  else for (const v of victims) process.stdout.write(`${args.yes ? 'dropping' : 'would drop'} ${v.state.set}/${v.state.env}: ${v.why}\n`);
  if (!args.yes) {
    if (!args.json) process.stdout.write(victims.length > 0 ? 'dry run: pass --yes to drop them\n' : 'nothing to reap\n');
    return;
  }
  if (args.local) throw new UserError('reap --yes is not possible in local mode: drop needs an AWS account', 'run without --local with AWS credentials');
  for (const { state } of victims) {
    // The env exactly as its state names it: never named again from a string.
    const selector = { kind: 'name', name: state.env } as const;
    await runDrop({ ...args, selector, target: undefined, set: state.set, yes: true, force: false, image: [], insecureRegistry: [], fallbackBranch: 'develop' });
  }
}
