/**
 * Envs that `drop` and `reap` refuse without `--force`. The setting (BRANCHENV_PROTECTED_ENVS) is a
 * comma-separated list of env or branch names; empty or blank means the default list, so an unset
 * CI variable (`""`) never switches protection off. Entries are trimmed and compared as env names:
 * an entry protects the env of that exact name, its lowercase form (`Develop` → `develop`) and the
 * env of the branch of that name (`release/1.0` → `release-1-0-…`).
 */
import { envNameOf, isValidEnvName } from '../names/env-name';

export const DEFAULT_PROTECTED_ENVS: readonly string[] = ['develop', 'main', 'master', 'prod'];

/** The env names a setting protects. */
export function protectedEnvNames(setting: string | undefined): string[] {
  const entries = (setting ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const list = entries.length > 0 ? entries : DEFAULT_PROTECTED_ENVS;
  const names = list.flatMap((entry) => [entry, entry.toLowerCase()].filter((n) => isValidEnvName(n)).concat(envNameOf(entry)));
  return [...new Set(names)];
}
