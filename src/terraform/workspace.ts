/**
 * Terraform in one stack folder: `init` only when the backend or providers changed or the installed
 * providers are gone, then plan, show, apply, destroy and output. The folder keeps `.terraform`,
 * the saved plan and the reports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initInputs, initReason, recordInit } from './init-record';
import { LOCK_FILE } from './installed-providers';
import { runTerraform, TerraformResult } from './run-terraform';
import { initSharingPluginCache } from './shared-plugin-cache';

export interface Workspace {
  /** The stack folder holding cdk.tf.json. */
  readonly dir: string;
  readonly cliConfigFile: string;
  /** Extra environment for terraform (credentials, TF_LOG, …). */
  readonly env?: Readonly<Record<string, string>>;
}

function run(ws: Workspace, args: string[], extra: Partial<Parameters<typeof runTerraform>[1]> = {}): Promise<TerraformResult> {
  return runTerraform(args, { cwd: ws.dir, cliConfigFile: ws.cliConfigFile, env: ws.env, ...extra });
}

/**
 * Runs `terraform init` unless nothing it depends on changed since the last one and the providers
 * are still installed (see initReason). Returns whether it ran.
 */
export async function initIfNeeded(ws: Workspace): Promise<boolean> {
  const reason = initReason(ws.dir, ws.cliConfigFile);
  if (!reason) return false;
  // The lock file (generated here, not committed) holds the selections and checksums of the old
  // providers; a changed version or mirror content would fail them, so init selects afresh.
  if (reason === 'providers-changed') fs.rmSync(path.join(ws.dir, LOCK_FILE), { force: true });
  await initSharingPluginCache(ws.dir, ws.cliConfigFile, () => run(ws, ['init', '-input=false', '-reconfigure']));
  recordInit(ws.dir, initInputs(ws.dir, ws.cliConfigFile));
  return true;
}

/**
 * `terraform init -migrate-state -force-copy`: moves the folder's state into the backend its
 * configuration now names (a bootstrap stack's local state into the bucket it created).
 */
export async function migrateState(ws: Workspace): Promise<void> {
  await initSharingPluginCache(ws.dir, ws.cliConfigFile, () => run(ws, ['init', '-input=false', '-migrate-state', '-force-copy']));
  recordInit(ws.dir, initInputs(ws.dir, ws.cliConfigFile));
}

function parseEvent(line: string, onEvent: (event: Record<string, unknown>) => void): void {
  if (!line.trim().startsWith('{')) return;
  try {
    onEvent(JSON.parse(line) as Record<string, unknown>);
  } catch {
    // not an event line
  }
}

export interface PlanRun {
  /** Whether the plan has changes (from -detailed-exitcode). */
  readonly changes: boolean;
  readonly planFile: string;
  /** The human-readable plan terraform printed, from the first line after refreshing. */
  readonly text: string;
}

/** Drops the refresh chatter before the plan proper. */
function planText(stdout: string): string {
  const start = stdout.search(/^(Terraform used the selected providers|No changes\.|Terraform will perform)/m);
  return start >= 0 ? stdout.slice(start) : stdout;
}

/**
 * `destroy`: a destroy plan; `refreshOnly`: only what changed outside Terraform since the last apply
 * (drift), into its own plan file so it never replaces the plan a reviewer reads; `refresh: false`:
 * compare with the state as recorded, without reading the real objects (a simulated state has none).
 */
export async function plan(ws: Workspace, options: { destroy?: boolean; refreshOnly?: boolean; refresh?: boolean } = {}): Promise<PlanRun> {
  const planFile = options.refreshOnly ? 'drift.bin' : 'plan.bin';
  // A plan file from an earlier run must not pass for this one's if terraform fails to write it.
  fs.rmSync(path.join(ws.dir, planFile), { force: true });
  const args = ['plan', '-input=false', '-detailed-exitcode', `-out=${planFile}`, ...(options.destroy ? ['-destroy'] : []), ...(options.refreshOnly ? ['-refresh-only'] : []), ...(options.refresh === false ? ['-refresh=false'] : [])];
  const result = await run(ws, args, { okExitCodes: [0, 2] });
  return { changes: result.exitCode === 2, planFile: path.join(ws.dir, planFile), text: planText(result.stdout) };
}

/** `terraform show -json <plan file>` (plan.bin unless named): the raw JSON text. */
export async function showPlanJson(ws: Workspace, planFile = 'plan.bin'): Promise<string> {
  return (await run(ws, ['show', '-json', planFile])).stdout;
}

/** Applies the saved plan, reporting terraform's machine-readable events one by one. */
export async function applyPlan(ws: Workspace, onEvent: (event: Record<string, unknown>) => void): Promise<void> {
  await run(ws, ['apply', '-input=false', '-json', 'plan.bin'], { onStdoutLine: (line) => parseEvent(line, onEvent) });
}

/** `terraform output -json`, as name → value. */
export async function outputs(ws: Workspace): Promise<Record<string, unknown>> {
  const result = await run(ws, ['output', '-json']);
  const parsed = JSON.parse(result.stdout || '{}') as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(parsed).map(([name, o]) => [name, o.value]));
}
