import { nameOf } from '../env/env-target';
import { UserError } from '../errors/user-error';
import { operationCount } from '../report/plan-summary';
import { applyPlan } from '../terraform/workspace';
import { progressTracker } from './apply-progress';
import type { DropArgs } from './command-args';
import { selectorFromArgs } from './env-options';
import { printPlan } from './print-plan';
import { confirm } from './prompt';
import { refuseLocal } from './run-apply';
import { runPlan } from './run-plan';
import { protectedEnvs } from './settings';

/** Refuses to drop a protected env unless forced; names what to do instead. */
export function refuseProtected(envName: string, force: boolean, protectedNames: readonly string[] = protectedEnvs()): void {
  if (protectedNames.includes(envName) && !force) {
    throw new UserError(
      `${envName} is a protected env (protected: ${protectedNames.join(', ')}; set by BRANCHENV_PROTECTED_ENVS, default develop, main, master, prod)`,
      'pass --force if you really mean to destroy it',
    );
  }
}

export async function runDrop(args: DropArgs): Promise<void> {
  // What cannot happen at all is said before what needs --force.
  refuseLocal(args, 'drop');
  refuseProtected(nameOf(selectorFromArgs(args, process.cwd())).name, args.force);
  const outcome = await runPlan(args, { destroy: true, placeholderImages: true });
  printPlan(outcome, false);
  if (!outcome.summary.hasChanges) {
    process.stderr.write(`${outcome.env.name} has nothing to destroy\n`);
    return;
  }
  if (!args.yes && !(await confirm(`Destroy every resource of ${outcome.env.name}?`, '--yes (-D)'))) {
    throw new UserError('not dropped', 'nothing changed');
  }
  await applyPlan(outcome.workspace, progressTracker(operationCount(outcome.summary), (line) => process.stderr.write(`${line}\n`)));
  process.stderr.write(`dropped ${outcome.env.name}\n`);
}
