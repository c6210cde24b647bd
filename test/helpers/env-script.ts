/** Runs the project's real entry, `scripts/env` (which runs the bundled CLI; `npm test` builds it first). */
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
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
