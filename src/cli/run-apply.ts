import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors/user-error';
import { recordSimulatedApply } from '../local/simulate-apply';
import { operationCount } from '../report/plan-summary';
import { parseDuration } from '../time/duration';
import { applyPlan, outputs } from '../terraform/workspace';
import { progressTracker } from './apply-progress';
import type { ApplyArgs } from './command-args';
import { printPlan } from './print-plan';
import { confirm } from './prompt';
import { runPlan } from './run-plan';
import { startLocalStateStore } from './terraform-setup';
import { wakeBeforeApply } from '../sleep/wake-before-apply';

/** Refuses what local mode cannot do: it has no AWS account behind it. */
export function refuseLocal(args: { local: boolean }, command: string, planCommand = 'env plan --local'): void {
  if (args.local) {
    throw new UserError(`${command} is not possible in local mode: there is no AWS account behind it`, `run \`${planCommand}\` to see the plan, or ${command} without --local with AWS credentials`);
  }
}

/** The URLs an env's outputs name, one per line. */
export function printUrls(values: Record<string, unknown>): void {
  const urls = (values.urls as string[] | undefined) ?? [];
  for (const url of urls) process.stdout.write(`${url}\n`);
}

/** --smoke-timeout in milliseconds, checked before anything is planned. */
function smokeTimeoutOf(args: ApplyArgs): number {
  try {
    return parseDuration(args.smokeTimeout);
  } catch (error) {
    throw new UserError(`--smoke-timeout ${args.smokeTimeout}: ${(error as Error).message}`, 'e.g. --smoke-timeout 10m, or --no-smoke');
  }
}

/** Recordings at most before a simulated apply gives up settling. */
const SETTLE_PASSES = 3;

/** What `apply --local --simulate` says when it recorded a state. */
export const SIMULATED_NOTE = 'simulated: state recorded from the plan, nothing was created in AWS';

/**
 * `apply --local --simulate`: plans like `plan --local`, then records the plan as if applied in
 * the local store (see local/simulate-apply.ts), so that later local plans show updates.
 * No prompt, no smoke test: nothing in AWS changes.
 */
async function runSimulatedApply(args: ApplyArgs): Promise<void> {
  let outcome = await runPlan(args, { creates: true, planJson: true });
  printPlan(outcome, false);
  if (!outcome.summary.hasChanges) {
    process.stderr.write('nothing to apply: the recorded state already matches\n');
    return;
  }
  // runPlan stops the local store when it is done; the pushes need it again.
  const withStore = async <T>(work: () => Promise<T>): Promise<T> => {
    const local = await startLocalStateStore(path.resolve(args.out));
    try {
      return await work();
    } finally {
      await local.close();
    }
  };
  let recorded: Awaited<ReturnType<typeof recordSimulatedApply>> | undefined;
  // The provider fills some values in only when it plans an update (an absent number becomes 0):
  // record, plan again, and record that plan too, until a plan finds nothing left to change.
  for (let pass = 0; pass < SETTLE_PASSES && outcome.summary.hasChanges; pass++) {
    const planJson = fs.readFileSync(outcome.files.planJson, 'utf8');
    recorded = await withStore(() => recordSimulatedApply(outcome.workspace, planJson, outcome.env.base.region, (line) => process.stderr.write(`${line}\n`)));
    outcome = await runPlan(args, { creates: true, planJson: true });
  }
  if (outcome.summary.hasChanges) process.stderr.write(`warning: a local plan still finds changes after ${SETTLE_PASSES} recordings (values only an apply in AWS fills in); later local plans show them too\n`);
  process.stderr.write(`${SIMULATED_NOTE} (${recorded!.resources} resources, state serial ${recorded!.serial})\n`);
  printUrls(await withStore(() => outputs(outcome.workspace)));
}

export async function runApply(args: ApplyArgs): Promise<void> {
  if (args.simulate && !args.local) {
    throw new UserError('--simulate records a plan in local mode only: an apply without --local changes AWS for real', 'add --local to simulate the apply, or leave out --simulate to apply in AWS');
  }
  if (args.simulate) return runSimulatedApply(args);
  if (args.local) {
    throw new UserError('apply is not possible in local mode: there is no AWS account behind it', 'add --simulate to record the plan as if applied, run `env plan --local` to see the plan, or apply without --local with AWS credentials');
  }
  const smokeTimeoutMs = smokeTimeoutOf(args);
  // plan.json: the wake-up before the apply reads the rules' priorities from it.
  const outcome = await runPlan(args, { creates: true, requireEnvSecrets: true, planJson: true });
  printPlan(outcome, false);
  const { summary, workspace, env } = outcome;
  let appliedAt: Date | undefined;
  if (summary.hasChanges) {
    if (!args.autoApprove && !(await confirm(`Apply these changes to ${env.name}?`, '--auto-approve (-A)'))) {
      throw new UserError('not applied', 'nothing changed; run apply again when ready');
    }
    const report = progressTracker(operationCount(summary), (line) => process.stderr.write(`${line}\n`));
    appliedAt = new Date();
    // An apply wakes a sleeping env (Terraform restores its task counts): its hosts first.
    await wakeBeforeApply(outcome.files.planJson, env.base.region, (line) => process.stderr.write(`${line}\n`));
    await applyPlan(workspace, report);
  } else {
    process.stderr.write('nothing to apply\n');
  }
  printUrls(await outputs(workspace));
  if (args.smoke) {
    // Loaded only here: --no-smoke (and every other command) does without the ECS and ELB clients.
    const { checkEnvComesUp } = await import('./run-status');
    await checkEnvComesUp(env, { timeoutMs: smokeTimeoutMs, timeout: args.smokeTimeout, since: appliedAt });
    process.stderr.write(`${env.name} is up: every service steady, every URL answers\n`);
  }
}
