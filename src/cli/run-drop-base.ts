import * as path from 'node:path';
import { UserError } from '../errors/user-error';
import { countsLine, operationCount } from '../report/plan-summary';
import { stackSpec } from '../stacks/catalog';
import { EnvState } from '../state/env-states';
import { synthesize } from '../synth/synthesize';
import { applyPlan, initIfNeeded } from '../terraform/workspace';
import { progressTracker } from './apply-progress';
import type { DropBaseArgs } from './commands/drop-base';
import { confirm } from './prompt';
import { refuseLocal } from './run-apply';
import { withEnvStates } from './run-list';
import { planAndSummarize } from './run-plan';
import { cliConfigFor } from './terraform-setup';

/** Refuses while envs have resources in state under the tier: destroying their VPC would strand them. */
export function refuseWhileEnvsLive(tier: string, states: readonly EnvState[]): void {
  const live = states.filter((s) => s.resources > 0);
  if (live.length === 0) return;
  const names = live.slice(0, 5).map((s) => `${s.set}/${s.env}`).join(', ');
  throw new UserError(
    `refusing to destroy the ${tier} base: ${live.length} env${live.length === 1 ? '' : 's'} still ${live.length === 1 ? 'has' : 'have'} state under it (${names}${live.length > 5 ? ', …' : ''})`,
    'drop them first (env drop <env> --set <set>, or env reap), then run drop-base again',
  );
}

export async function runDropBase(args: DropBaseArgs): Promise<void> {
  await withEnvStates({ ...args, set: undefined }, async (states) => refuseWhileEnvsLive(args.tier, states));
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
