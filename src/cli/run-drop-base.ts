import * as path from 'node:path';
import { UserError } from '../errors/user-error';
import { countsLine, operationCount } from '../report/plan-summary';
import { stackSpec } from '../stacks/catalog';
import { EnvState, UnreadableState } from '../state/env-states';
import { synthesize } from '../synth/synthesize';
import { applyPlan, initIfNeeded } from '../terraform/workspace';
import { progressTracker } from './apply-progress';
import type { DropBaseArgs } from './command-args';
import { confirm } from './prompt';
import { refuseLocal } from './run-apply';
import { withEnvStateListing } from './run-list';
import { planAndSummarize } from './run-plan';
import { cliConfigFor } from './terraform-setup';

/**
 * Refuses while envs have resources in state under the tier (destroying their VPC would strand them),
 * or while a state cannot be read: it may hold live resources.
 */
export function refuseWhileEnvsLive(tier: string, states: readonly EnvState[], unreadable: readonly UnreadableState[] = []): void {
  const live = states.filter((s) => s.resources > 0);
  if (live.length > 0) {
    const names = live.slice(0, 5).map((s) => `${s.set}/${s.env}`).join(', ');
    throw new UserError(
      `refusing to destroy the ${tier} base: ${live.length} env${live.length === 1 ? '' : 's'} still ${live.length === 1 ? 'has' : 'have'} state under it (${names}${live.length > 5 ? ', …' : ''})` +
        (unreadable.length > 0 ? `, and ${unreadable.length} state${unreadable.length === 1 ? '' : 's'} cannot be read (${unreadable[0].key}${unreadable.length > 1 ? ', …' : ''})` : ''),
      // The env names as their states hold them: `env drop` takes them back exactly (src/env/env-target.ts).
      `drop them first, e.g. env drop ${live[0].env} --set ${live[0].set} --tier ${tier} (or env reap --yes), then run drop-base again`,
    );
  }
  if (unreadable.length > 0) {
    throw new UserError(
      `refusing to destroy the ${tier} base: ${unreadable.length === 1 ? 'a state' : `${unreadable.length} states`} under it cannot be read and may hold live resources: ` +
        unreadable.slice(0, 3).map((u) => u.message).join('; ') + (unreadable.length > 3 ? '; …' : ''),
      'restore an earlier version of that object (the bucket is versioned) and drop its env, or delete the object if its env is gone; then run drop-base again',
    );
  }
}

export async function runDropBase(args: DropBaseArgs): Promise<void> {
  await withEnvStateListing({ ...args, set: undefined }, async ({ states, unreadable }) => refuseWhileEnvsLive(args.tier, states, unreadable));
  refuseLocal(args, 'drop-base');
  const out = path.resolve(args.out);
  const [stack] = synthesize([stackSpec('base', args.tier)], out);
  const workspace = { dir: stack.dir, cliConfigFile: cliConfigFor(out) };
  await initIfNeeded(workspace);
  const { summary } = await planAndSummarize(workspace, { destroy: true });
  process.stdout.write(`Plan: ${countsLine(summary)}.\n`);
  if (!args.yes && !(await confirm(`Destroy the ${args.tier} base and everything in it?`, '--yes'))) throw new UserError('not dropped', 'nothing changed');
  await applyPlan(workspace, progressTracker(operationCount(summary), (line) => process.stderr.write(`${line}\n`)));
}
