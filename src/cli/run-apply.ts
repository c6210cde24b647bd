import { UserError } from '../errors/user-error';
import { operationCount } from '../report/plan-summary';
import { applyPlan, outputs } from '../terraform/workspace';
import { progressTracker } from './apply-progress';
import type { ApplyArgs } from './commands/apply';
import { printPlan } from './print-plan';
import { confirm } from './prompt';
import { runPlan } from './run-plan';

/** Refuses what local mode cannot do: it has no AWS account behind it. */
export function refuseLocal(args: { local: boolean }, command: string): void {
  if (args.local) {
    throw new UserError(`${command} is not possible in local mode: there is no AWS account behind it`, `run \`env plan --local\` to see the plan, or ${command} without --local with AWS credentials`);
  }
}

/** The URLs an env's outputs name, one per line. */
export function printUrls(values: Record<string, unknown>): void {
  const urls = (values.urls as string[] | undefined) ?? [];
  for (const url of urls) process.stdout.write(`${url}\n`);
}

export async function runApply(args: ApplyArgs): Promise<void> {
  refuseLocal(args, 'apply');
  const outcome = await runPlan(args, { creates: true });
  printPlan(outcome, false);
  const { summary, workspace, env } = outcome;
  if (summary.hasChanges) {
    if (!args.autoApprove && !(await confirm(`Apply these changes to ${env.name}?`, '--auto-approve (-A)'))) {
      throw new UserError('not applied', 'nothing changed; run apply again when ready');
    }
    const report = progressTracker(operationCount(summary), (line) => process.stderr.write(`${line}\n`));
    await applyPlan(workspace, report);
  } else {
    process.stderr.write('nothing to apply\n');
  }
  printUrls(await outputs(workspace));
}
