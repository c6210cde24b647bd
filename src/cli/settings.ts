/** Settings read from the environment by the CLI (flags override them). */
import { protectedEnvNames } from '../env/protected-envs';

/** Env names `drop` and `reap` refuse without --force: BRANCHENV_PROTECTED_ENVS (comma-separated; empty means the default). */
export function protectedEnvs(): string[] {
  return protectedEnvNames(process.env.BRANCHENV_PROTECTED_ENVS);
}
