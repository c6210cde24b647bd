/** Settings read from the environment by the CLI (flags override them). */

/** Envs `drop` and `reap` refuse without --force: BRANCHENV_PROTECTED_ENVS (comma-separated). */
export function protectedEnvs(): string[] {
  return (process.env.BRANCHENV_PROTECTED_ENVS ?? 'develop,main,master,prod')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
