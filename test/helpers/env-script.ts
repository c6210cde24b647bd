/** Runs the project's real entry, `scripts/env` (which runs the bundled CLI; `npm test` builds it first). */
import { spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const ENV_SCRIPT = path.join(PROJECT_ROOT, 'scripts/env');

export interface EnvScriptOptions {
  /** @default the project root */
  readonly cwd?: string;
  /** Added to the test's own environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Standard input (empty: nobody answers a prompt). */
  readonly input?: string;
}

export function runEnvScript(args: readonly string[], options: EnvScriptOptions = {}): SpawnSyncReturns<string> {
  return spawnSync(ENV_SCRIPT, [...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    encoding: 'utf8',
    // The tests decide CI's defaults themselves (`plan` writes plan.json when CI=true): not the machine that runs them.
    env: { ...process.env, CI: '', ...options.env },
    input: options.input,
  });
}

export interface EnvScriptRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** runEnvScript without blocking the test's own event loop: for tests whose local servers the script calls. */
export function runEnvScriptAsync(args: readonly string[], options: Omit<EnvScriptOptions, 'input'> = {}): Promise<EnvScriptRun> {
  return new Promise((resolve) => {
    const child = spawn(ENV_SCRIPT, [...args], { cwd: options.cwd ?? PROJECT_ROOT, env: { ...process.env, CI: '', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
