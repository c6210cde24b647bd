/**
 * How a user names an env, and the one place that turns that into an env name.
 *
 * - `--branch <branch>` (and no argument: the checked-out branch) names a branch; its env name comes
 *   from the name function (`feature/Login-Form` → `feature-login-28bb00`).
 * - An argument that already is a valid env name is that env, exactly: every name branchenv prints
 *   (`list`, `show`, `reap`, `plan`, error messages) reaches the same state when given back.
 *   `develop` is both a branch and its own env name, so nothing changes for such names.
 * - Any other argument is a branch (`feature/Login-Form`).
 *
 * A name ending in `-` and 6 hex digits (`feature-login-28bb00`) is only ever produced by cleaning a
 * branch name, so the branch that owns it is not the name itself: it is read from the env's record.
 * A branch literally named like that is named with `--branch`, and gets a name of its own.
 */
import { UserError } from '../errors/user-error';
import { envNameOf, hasHashSuffix, isValidEnvName } from '../names/env-name';

export type EnvSelector =
  /** A branch: its env name comes from the name function. */
  | { readonly kind: 'branch'; readonly branch: string }
  /** An env name, exactly as printed by branchenv. */
  | { readonly kind: 'name'; readonly name: string };

export interface NamedEnv {
  readonly name: string;
  /**
   * The branch that should own the env. Undefined when the user named an env whose branch only its
   * record knows (a name with a hash suffix).
   */
  readonly branch?: string;
}

/** What the command line said: the argument, `--branch`, or neither (then `gitBranch` is asked). */
export function selectorOf(argument: string | undefined, branchFlag: string | undefined, gitBranch: () => string): EnvSelector {
  if (argument !== undefined && branchFlag !== undefined) {
    throw new UserError(`both an env (${argument}) and --branch ${branchFlag} were given`, 'name the env as the argument or its branch with --branch, not both');
  }
  if (branchFlag !== undefined) return { kind: 'branch', branch: checkedBranch(branchFlag, '--branch') };
  if (argument === undefined) return { kind: 'branch', branch: checkedBranch(gitBranch(), 'the checked-out branch') };
  if (isValidEnvName(argument)) return { kind: 'name', name: argument };
  return { kind: 'branch', branch: checkedBranch(argument, 'the branch') };
}

/** Refuses what no git branch can be: empty, or starting with `-` (a flag given where a name belongs). */
function checkedBranch(branch: string, what: string): string {
  if (branch.trim().length === 0) throw new UserError(`${what} is empty`, 'name a branch or an env, or run inside a git checkout on a branch');
  if (branch.startsWith('-')) {
    throw new UserError(`${what} "${branch}" starts with "-": git branch names cannot, so this looks like a misplaced flag`, 'put flags after the command, e.g. env plan feature/x --set demo');
  }
  return branch;
}

export function nameOf(selector: EnvSelector): NamedEnv {
  if (selector.kind === 'branch') return { name: envNameOf(selector.branch), branch: selector.branch };
  return { name: selector.name, branch: hasHashSuffix(selector.name) ? undefined : selector.name };
}

