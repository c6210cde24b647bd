import { envNameOf } from '../names/env-name';
import { UserError } from '../errors/user-error';
import { operationCount } from '../report/plan-summary';
import { applyPlan } from '../terraform/workspace';
import { progressTracker } from './apply-progress';
import type { DropArgs } from './commands/drop';
import { targetBranch } from './env-options';
import { printPlan } from './print-plan';
import { confirm } from './prompt';
import { refuseLocal } from './run-apply';
import { runPlan } from './run-plan';
import { protectedEnvs } from './settings';

/** Refuses to drop a protected env unless forced; names what to do instead. */
export function refuseProtected(envName: string, force: boolean): void {
  const protectedNames = protectedEnvs();
  if (protectedNames.includes(envName) && !force) {
    throw new UserError(`${envName} is a protected env (${protectedNames.join(', ')})`, 'pass --force if you really mean to destroy it');
  }
}

export async function runDrop(args: DropArgs): Promise<void> {
  refuseProtected(envNameOf(targetBranch(args.target, process.cwd())), args.force);
  refuseLocal(args, 'drop');
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
