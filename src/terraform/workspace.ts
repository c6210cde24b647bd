/**
 * Terraform in one stack folder: `init` only when the backend or providers changed, then plan,
 * show, apply, destroy and output. The folder keeps `.terraform`, the saved plan and the reports.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTerraform, TerraformResult } from './run-terraform';

export interface Workspace {
  /** The stack folder holding cdk.tf.json. */
  readonly dir: string;
  readonly cliConfigFile: string;
  /** Extra environment for terraform (credentials, TF_LOG, …). */
  readonly env?: Readonly<Record<string, string>>;
}

const FINGERPRINT = path.join('.terraform', 'branchenv-init.sha256');

/** What init depends on: the `terraform` block (backend, providers), the CLI config and the lock file. */
export function initFingerprint(ws: Workspace): string {
  const json = JSON.parse(fs.readFileSync(path.join(ws.dir, 'cdk.tf.json'), 'utf8')) as { terraform?: unknown };
  const lock = path.join(ws.dir, '.terraform.lock.hcl');
  return createHash('sha256')
    .update(JSON.stringify(json.terraform ?? {}))
    .update(fs.readFileSync(ws.cliConfigFile))
    .update(fs.existsSync(lock) ? fs.readFileSync(lock) : '')
    .digest('hex');
}

function run(ws: Workspace, args: string[], extra: Partial<Parameters<typeof runTerraform>[1]> = {}): Promise<TerraformResult> {
  return runTerraform(args, { cwd: ws.dir, cliConfigFile: ws.cliConfigFile, env: ws.env, ...extra });
}

/** Runs `terraform init` unless nothing it depends on changed since the last one. Returns whether it ran. */
export async function initIfNeeded(ws: Workspace): Promise<boolean> {
  const marker = path.join(ws.dir, FINGERPRINT);
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === initFingerprint(ws)) return false;
  await run(ws, ['init', '-input=false', '-reconfigure']);
  fs.mkdirSync(path.dirname(marker), { recursive: true });
  fs.writeFileSync(marker, initFingerprint(ws));
  return true;
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

export async function plan(ws: Workspace, options: { destroy?: boolean } = {}): Promise<PlanRun> {
  const args = ['plan', '-input=false', '-detailed-exitcode', '-out=plan.bin', ...(options.destroy ? ['-destroy'] : [])];
  const result = await run(ws, args, { okExitCodes: [0, 2] });
  return { changes: result.exitCode === 2, planFile: path.join(ws.dir, 'plan.bin'), text: planText(result.stdout) };
}

/** `terraform show -json plan.bin`: the raw JSON text. */
export async function showPlanJson(ws: Workspace): Promise<string> {
  return (await run(ws, ['show', '-json', 'plan.bin'])).stdout;
}

/** Applies the saved plan, reporting terraform's machine-readable events one by one. */
export async function applyPlan(ws: Workspace, onEvent: (event: Record<string, unknown>) => void): Promise<void> {
  await run(ws, ['apply', '-input=false', '-json', 'plan.bin'], {
    onStdoutLine: (line) => {
      if (!line.trim().startsWith('{')) return;
      try {
        onEvent(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not an event line
      }
    },
  });
}

/** `terraform output -json`, as name → value. */
export async function outputs(ws: Workspace): Promise<Record<string, unknown>> {
  const result = await run(ws, ['output', '-json']);
  const parsed = JSON.parse(result.stdout || '{}') as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(parsed).map(([name, o]) => [name, o.value]));
}
