/**
 * The steps every lifecycle command shares: resolve images, synthesize only this env, init when
 * needed (withEnvWorkspace); and the plan step of `plan`, `apply` and `drop`: plan to plan.bin, then
 * write plan.json and plan.md into the env's folder (runPlan).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ownerBranch } from '../env/env-owner';
import { PreparedEnv, withOwner } from '../env/prepare-env';
import { ImageResolution } from '../images/image-overrides';
import { LOCAL_REGION } from '../local/local-s3';
import { envStateKey } from '../names/state-keys';
import { PlanJsonDocument, PlanSummary, summarizePlan } from '../report/plan-summary';
import { synthesize } from '../synth/synthesize';
import { InterruptedError, terraformReady } from '../terraform/run-terraform';
import { initIfNeeded, outputs, plan, showPlanJson, Workspace } from '../terraform/workspace';
import { buildEnv, EnvArgs, resolveEnv } from './env-options';
import { cliConfigFor, startLocalStateStore } from './terraform-setup';
import { UserError } from '../errors/user-error';
import { findMissingEnvSecrets, missingSecretsError } from './env-secret-check';
import { envShardChoice } from './env-shard-choice';
import { envPlanReport } from './plan-report';
import { readFargateQuotas } from '../aws/fargate-quotas';

export type StepTimings = Record<'resolve' | 'synth' | 'init' | 'plan' | 'show' | 'report' | 'total', number>;

export interface EnvWorkspace {
  readonly env: PreparedEnv;
  readonly images: readonly ImageResolution[];
  readonly notes: readonly string[];
  /** The ingress shard the env lives on (or will). */
  readonly shard: number;
  readonly workspace: Workspace;
  readonly initRan: boolean;
  /**
   * The env's outputs in its state before the command (`{}` when it has none), once the owner check
   * passed; rejects with the refusal otherwise. `work` must await it before it changes anything.
   */
  readonly outputs: Promise<Readonly<Record<string, unknown>>>;
  /** Milliseconds so far: resolve, synth (with local S3 start), init. */
  readonly timings: Pick<StepTimings, 'resolve' | 'synth' | 'init'>;
}

/** Milliseconds since the previous call (or since creation). */
function stopwatch(): () => number {
  let mark = Date.now();
  return () => {
    const now = Date.now();
    const ms = now - mark;
    mark = now;
    return ms;
  };
}

export interface EnvWorkspaceOptions {
  /**
   * Do not look images up (drop, show: the images in the config do not matter); every
   * per-branch image gets a placeholder tag.
   * @default false
   */
  readonly placeholderImages?: boolean;
  /**
   * The command may create the env (plan, apply): an env named only by a hashed name it has no
   * state for is refused, since its branch is unknown.
   * @default false
   */
  readonly creates?: boolean;
  /**
   * Refuse when an env secret the set references is not set (apply); otherwise a plan only warns.
   * Checked only for commands that create, outside local mode.
   * @default false
   */
  readonly requireEnvSecrets?: boolean;
}

/**
 * Runs `work` with the env synthesized and initialized in its folder; in local mode, the embedded
 * S3 server holding its state runs for exactly that long. The branch the env's state records as its
 * owner is compared with the one asked for (env-owner): an env that belongs to another branch is
 * refused, and an env named by its name takes its recorded branch. Reading the record costs a
 * terraform process (~0.6 s), so when the branch asked for is known it runs while `work` plans
 * (read-only); `work` awaits `outputs` before it changes anything, and the refusal wins here at
 * the latest.
 */
export async function withEnvWorkspace<T>(args: EnvArgs, options: EnvWorkspaceOptions, work: (ctx: EnvWorkspace) => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  const lap = stopwatch();
  // A missing or old terraform is reported before anything reads AWS.
  const ready = terraformReady();
  ready.catch(() => undefined); // awaited below
  const resolved = await resolveEnv(options.placeholderImages ? { ...args, image: [], tag: 'placeholder', registry: undefined } : args, cwd);
  const resolveMs = lap();
  // Runs while the env is synthesized and initialized.
  const missingSecrets = options.creates && !args.local ? findMissingEnvSecrets(resolved.env) : Promise.resolve([]);
  missingSecrets.catch(() => undefined); // awaited below
  const out = path.resolve(cwd, args.out);
  const local = args.local ? await startLocalStateStore(out) : undefined;
  try {
    const key = envStateKey(resolved.env.base.tier, resolved.env.set.name, resolved.env.name);
    const backend = local ? ({ kind: 's3', bucket: local.bucket, region: LOCAL_REGION, endpoint: local.endpoint, key } as const) : undefined;
    const base = resolved.env.base;
    await ready;
    const placed = await envShardChoice({
      env: resolved.env,
      images: Object.fromEntries(resolved.images.map((i) => [i.service, i.image])),
      asked: args.shard,
      creates: options.creates ?? false,
      access: local ? { bucket: local.bucket, region: LOCAL_REGION, endpoint: local.endpoint } : { bucket: base.state.bucket, region: base.state.region },
      key,
      quotas: local ? undefined : () => readFargateQuotas(base.region),
    });
    const shardArgs = { ...args, shard: placed.choice.shard };
    let env = buildEnv(resolved, shardArgs, cwd, backend);
    const [stack] = synthesize([env.spec], out);
    const synthMs = lap();
    const workspace: Workspace = { dir: stack.dir, cliConfigFile: cliConfigFor(out) };
    const initRan = await initIfNeeded(workspace);
    const initMs = lap();
    const named = env.named;
    const where = `${env.base.tier}/${env.set.name}`;
    let owner = named.branch;
    const checked = outputs(workspace).then((values) => {
      const recorded = typeof values.branch === 'string' ? values.branch : undefined;
      owner = ownerBranch({ named, where, recorded, creates: options.creates ?? false });
      refuseShardMove(env.name, values.shard, placed.choice.shard);
      return values;
    });
    checked.catch(() => undefined); // awaited below, and by work
    if (named.branch === undefined) {
      await checked;
      if (owner !== env.branch) {
        // Named by its env name: the configuration records the owner it already has, not the name.
        env = buildEnv({ ...resolved, env: withOwner(resolved.env, owner!) }, shardArgs, cwd, backend);
        synthesize([env.spec], out);
      }
    }
    await reportMissingSecrets(env, missingSecrets, checked, options.requireEnvSecrets ?? false);
    const result = await work({
      env,
      images: resolved.images,
      notes: [...resolved.notes, ...placed.notes],
      shard: placed.choice.shard,
      workspace,
      initRan,
      outputs: checked,
      timings: { resolve: resolveMs, synth: synthMs, init: initMs },
    });
    await checked;
    return result;
  } finally {
    await local?.close();
  }
}

/** An applied env stays on its shard: its listener rules and DNS records live on that load balancer. */
function refuseShardMove(envName: string, recorded: unknown, asked: number): void {
  if (typeof recorded === 'number' && recorded !== asked) {
    throw new UserError(`${envName} lives on ingress shard ${recorded}, not ${asked}: an env never moves between load balancers`, `pass --shard ${recorded}`);
  }
}

/**
 * Env secrets the set references but the env lacks: apply refuses, plan warns (and warns when it
 * cannot tell). An env that belongs to another branch is refused for that first.
 */
async function reportMissingSecrets(env: PreparedEnv, missing: Promise<string[]>, ownerChecked: Promise<unknown>, refuse: boolean): Promise<void> {
  const outcome = await missing.then((names) => ({ names }), (error: unknown) => ({ error }));
  if ('names' in outcome && outcome.names.length === 0) return;
  await ownerChecked;
  const problem = 'names' in outcome ? missingSecretsError(env, outcome.names) : outcome.error;
  if (refuse) throw problem;
  const { message, hint } = problem as { message?: string; hint?: string };
  process.stderr.write(`warning: ${'names' in outcome ? `${message}; apply refuses until they are set` : `could not check the env secrets: ${message}`}\n${hint ? `${hint}\n` : ''}`);
}

export interface PlanOutcome extends EnvWorkspace {
  readonly summary: PlanSummary;
  readonly files: { readonly planBin: string; readonly planJson: string; readonly planTxt: string; readonly planMd: string };
  readonly timings: StepTimings;
}

/** Plans in the folder and reads the saved plan back: what every plan step (env or base) does. */
export async function planAndSummarize(workspace: Workspace, options: { destroy?: boolean } = {}) {
  const lap = stopwatch();
  const planRun = await plan(workspace, { destroy: options.destroy });
  const planMs = lap();
  const jsonText = await showPlanJson(workspace);
  const summary = summarizePlan(JSON.parse(jsonText) as PlanJsonDocument);
  const showMs = lap();
  return { planRun, jsonText, summary, planMs, showMs };
}

export interface RunPlanOptions extends EnvWorkspaceOptions {
  readonly destroy?: boolean;
  /**
   * Also write plan.json (`terraform show -json`, which starts the provider again: about 2 s). plan.md
   * and the summary never need it.
   * @default false
   */
  readonly planJson?: boolean;
  /**
   * plan.md's size budget in characters: several plans share one pull-request comment (env review).
   * @default PLAN_MARKDOWN_LIMIT
   */
  readonly markdownLimit?: number;
}

export async function runPlan(args: EnvArgs, options: RunPlanOptions = {}): Promise<PlanOutcome> {
  const started = Date.now();
  return withEnvWorkspace(args, options, async (ctx) => {
    const { workspace } = ctx;
    const lap = stopwatch();
    // Planning only reads; the owner check runs beside it and must pass before anything is written.
    // A local env's state can only be simulated (apply --local --simulate): nothing real to refresh.
    const [planned, owned] = await Promise.allSettled([plan(workspace, { destroy: options.destroy, refresh: !args.local }), ctx.outputs]);
    // Ctrl-C stops both; the plan is what held the state lock, so its interruption is the one to report.
    if (planned.status === 'rejected' && planned.reason instanceof InterruptedError) throw planned.reason;
    if (owned.status === 'rejected') {
      fs.rmSync(path.join(workspace.dir, 'plan.bin'), { force: true });
      throw owned.reason;
    }
    if (planned.status === 'rejected') throw planned.reason;
    const planRun = planned.value;
    const planMs = lap();
    const files = {
      planBin: planRun.planFile,
      planJson: path.join(workspace.dir, 'plan.json'),
      planTxt: path.join(workspace.dir, 'plan.txt'),
      planMd: path.join(workspace.dir, 'plan.md'),
    };
    // plan.json only when asked; an old one must not pass for this plan's.
    fs.rmSync(files.planJson, { force: true });
    const json = options.planJson ? showPlanJson(workspace) : undefined;
    fs.writeFileSync(files.planTxt, planRun.text);
    const rel = (file: string) => path.relative(process.cwd(), file) || file;
    const report = envPlanReport(ctx, planRun, owned.value, [files.planTxt, ...(json ? [files.planJson] : [])].map(rel), args.fallbackBranch, process.cwd(), options.markdownLimit);
    fs.writeFileSync(files.planMd, report.markdown);
    const reportMs = lap();
    if (json) fs.writeFileSync(files.planJson, await json);
    const showMs = lap();
    return { ...ctx, summary: report.summary, files, timings: { ...ctx.timings, plan: planMs, show: showMs, report: reportMs, total: Date.now() - started } };
  });
}
