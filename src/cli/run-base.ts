/**
 * `env base plan|apply|show --tier <tier>`: the base through the same machinery as an env: init only
 * when needed, plan.bin / plan.json / plan.md (its own marker), progress on apply, prompts, exit
 * codes, and two guards: a plan that changes the base contract live envs read is refused without
 * --force, and the prod base asks twice (or needs --yes --force without a terminal).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contractChanges, ContractChange, PlanOutputChanges } from '../contract/contract-guard';
import { BaseDefinition } from '../definitions/base-definition';
import { loadBase } from '../definitions/tiers';
import { UserError } from '../errors/user-error';
import { headCommit } from '../git/git-info';
import { LOCAL_REGION } from '../local/local-s3';
import { baseStateKey } from '../names/state-keys';
import { basePlanMarkdown } from '../report/base-plan-markdown';
import { countsLine, operationCount, PlanSummary } from '../report/plan-summary';
import { stackSpec } from '../stacks/catalog';
import { listEnvStates, s3ClientFor, StateBucketAccess } from '../state/env-states';
import { synthesize } from '../synth/synthesize';
import { terraformReady } from '../terraform/run-terraform';
import { applyPlan, initIfNeeded, outputs, Workspace } from '../terraform/workspace';
import { progressTracker } from './apply-progress';
import type { BaseArgs } from './command-args';
import { confirm } from './prompt';
import { refuseLocal } from './run-apply';
import { planAndSummarize } from './run-plan';
import { cliConfigFor, startLocalStateStore } from './terraform-setup';

export interface BaseWorkspace {
  readonly base: BaseDefinition;
  readonly workspace: Workspace;
  readonly access: StateBucketAccess;
  readonly initRan: boolean;
}

/** Runs `work` with the base synthesized and initialized; in local mode, its state in local mode's store. */
export async function withBaseWorkspace<T>(args: Pick<BaseArgs, 'tier' | 'local' | 'out'>, work: (ctx: BaseWorkspace) => Promise<T>): Promise<T> {
  await terraformReady();
  const base = loadBase(args.tier);
  const out = path.resolve(args.out);
  const local = args.local ? await startLocalStateStore(out) : undefined;
  try {
    const key = baseStateKey(args.tier, base.vpcName);
    const localStateBackend = local ? ({ kind: 's3', bucket: local.bucket, region: LOCAL_REGION, endpoint: local.endpoint, key } as const) : undefined;
    const [stack] = synthesize([stackSpec('base', args.tier, { localStateBackend })], out);
    const workspace: Workspace = { dir: stack.dir, cliConfigFile: cliConfigFor(out) };
    const initRan = await initIfNeeded(workspace);
    const access = local ? { bucket: local.bucket, region: LOCAL_REGION, endpoint: local.endpoint } : { bucket: base.state.bucket, region: base.state.region };
    return await work({ base, workspace, access, initRan });
  } finally {
    await local?.close();
  }
}

export interface BasePlanOutcome {
  readonly summary: PlanSummary;
  readonly contract: readonly ContractChange[];
  /** Live envs of the tier, `set/env`. */
  readonly liveEnvs: readonly string[];
  readonly files: { readonly planBin: string; readonly planJson: string; readonly planMd: string };
  readonly initRan: boolean;
}

async function planBase(args: BaseArgs, ctx: BaseWorkspace): Promise<BasePlanOutcome> {
  const { workspace } = ctx;
  const [planned, listing] = await Promise.all([
    planAndSummarize(workspace),
    s3ClientFor(ctx.access).then((client) => listEnvStates(client, ctx.access.bucket, `${args.tier}/services/`)),
  ]);
  const { planRun, jsonText, summary } = planned;
  const contract = contractChanges(JSON.parse(jsonText) as PlanOutputChanges);
  const liveEnvs = listing.states.filter((s) => s.resources > 0).map((s) => `${s.set}/${s.env}`);
  const files = { planBin: planRun.planFile, planJson: path.join(workspace.dir, 'plan.json'), planMd: path.join(workspace.dir, 'plan.md') };
  fs.writeFileSync(files.planJson, jsonText);
  fs.writeFileSync(
    files.planMd,
    basePlanMarkdown({
      summary,
      diff: planRun.text,
      tier: args.tier,
      vpcName: ctx.base.vpcName,
      commit: headCommit(process.cwd()) ?? 'unknown',
      contract,
      liveEnvs,
      planJsonPath: path.relative(process.cwd(), files.planJson) || files.planJson,
      limit: args.markdownLimit,
    }),
  );
  return { summary, contract, liveEnvs, files, initRan: ctx.initRan };
}

function printBasePlan(args: BaseArgs, outcome: BasePlanOutcome): void {
  const rel = (p: string) => path.relative(process.cwd(), p) || p;
  if (args.json) {
    const { summary } = outcome;
    const json = { tier: args.tier, changes: summary.hasChanges, counts: summary.counts, destroyed: summary.destroyed, replaced: summary.replaced.map((r) => r.address), contract: outcome.contract, liveEnvs: outcome.liveEnvs, files: outcome.files, initRan: outcome.initRan };
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return;
  }
  const out = process.stdout;
  out.write(`base ${args.tier}\n`);
  for (const c of outcome.contract) out.write(`  CONTRACT ${c.output} ${c.how} (read by ${outcome.liveEnvs.length} live env(s))\n`);
  out.write(`Plan: ${outcome.summary.hasChanges ? countsLine(outcome.summary) : 'no changes'}.\n`);
  for (const address of outcome.summary.destroyed) out.write(`  DESTROY ${address}\n`);
  for (const r of outcome.summary.replaced) out.write(`  REPLACE ${r.address}\n`);
  out.write(`Wrote ${rel(outcome.files.planBin)}, ${rel(outcome.files.planJson)}\n${rel(outcome.files.planMd)}\n`);
}

export async function runBasePlan(args: BaseArgs): Promise<BasePlanOutcome> {
  return withBaseWorkspace(args, async (ctx) => {
    const outcome = await planBase(args, ctx);
    printBasePlan(args, outcome);
    if (args.detailedExitcode && outcome.summary.hasChanges) process.exitCode = 2;
    return outcome;
  });
}

/** Refuses a contract change live envs read, unless forced; names the envs and the outputs. */
export function refuseContractBreak(outcome: Pick<BasePlanOutcome, 'contract' | 'liveEnvs'>, force: boolean): void {
  if (force || outcome.contract.length === 0 || outcome.liveEnvs.length === 0) return;
  const outputsText = outcome.contract.map((c) => `${c.output} (${c.how})`).join(', ');
  const envs = outcome.liveEnvs.slice(0, 5).join(', ') + (outcome.liveEnvs.length > 5 ? ', …' : '');
  throw new UserError(
    `this base plan changes the contract ${outcome.liveEnvs.length} live env(s) read: ${outputsText}; envs: ${envs}`,
    'drop or re-plan those envs first, or pass --force when you know they keep working (their next plan reads the new values)',
  );
}

export async function runBaseApply(args: BaseArgs): Promise<void> {
  refuseLocal(args, 'base apply', `env base plan --tier ${args.tier} --local`);
  await withBaseWorkspace(args, async (ctx) => {
    const outcome = await planBase(args, ctx);
    printBasePlan({ ...args, json: false }, outcome);
    if (!outcome.summary.hasChanges) return;
    refuseContractBreak(outcome, args.force ?? false);
    if (args.tier === 'prod' && !(args.yes && args.force)) {
      // The prod base asks twice: once for the plan, once naming the tier.
      const asked = (await confirm(`Apply this plan to the prod base (${ctx.base.vpcName})?`, '--yes --force')) && (await confirm(`This changes prod. Really apply to ${ctx.base.vpcName}?`, '--yes --force'));
      if (!asked) throw new UserError('not applied', 'nothing changed');
    } else if (args.tier !== 'prod' && !args.autoApprove && !args.yes && !(await confirm(`Apply these changes to the ${args.tier} base?`, '--auto-approve'))) {
      throw new UserError('not applied', 'nothing changed');
    }
    await applyPlan(ctx.workspace, progressTracker(operationCount(outcome.summary), (line) => process.stderr.write(`${line}\n`)));
    process.stderr.write(`applied the ${args.tier} base\n`);
  });
}

export async function runBaseShow(args: BaseArgs): Promise<void> {
  await withBaseWorkspace(args, async (ctx) => {
    const values = await outputs(ctx.workspace);
    if (args.json) process.stdout.write(JSON.stringify(values, null, 2) + '\n');
    else if (Object.keys(values).length === 0) process.stdout.write(`the ${args.tier} base has no state yet: run env base apply --tier ${args.tier}\n`);
    else for (const [name, value] of Object.entries(values)) process.stdout.write(`${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
  });
}
