/**
 * Two branches must never silently share one env. Every env records the branch that owns it (the
 * `branch` output in its state); before plan, apply, drop or show touch an env, the branch the
 * user asked for is compared with that record.
 */
import { UserError } from '../errors/user-error';
import { NamedEnv } from './env-target';

export interface OwnerCheck {
  readonly named: NamedEnv;
  /** `<tier>/<set>`, for messages. */
  readonly where: string;
  /** The branch the env's state records, when it has state with one. */
  readonly recorded?: string;
  /** The command creates or changes the env (plan, apply): an unknown env cannot be created from its name alone. */
  readonly creates: boolean;
}

/** The branch that owns the env, once checked; throws when the env belongs to another branch. */
export function ownerBranch(check: OwnerCheck): string {
  const { named, where, recorded } = check;
  if (recorded !== undefined) {
    if (named.branch === undefined || named.branch === recorded) return recorded;
    throw new UserError(
      `env ${named.name} in ${where} belongs to branch "${recorded}", not to "${named.branch}": both branch names give the env name ${named.name}`,
      `to work on that env, name it: env <command> ${named.name} --set ${where.split('/')[1]} --tier ${where.split('/')[0]}; to give "${named.branch}" an env of its own, rename the branch (git branch -m)`,
    );
  }
  if (named.branch !== undefined) return named.branch;
  if (check.creates) {
    throw new UserError(
      `no env named ${named.name} has state in ${where}; a name ending in a hash names an existing env, not a branch`,
      `to create the env of a branch, run on that branch or pass --branch <branch>`,
    );
  }
  // Nothing to protect: no state (drop has nothing to destroy, show nothing to show).
  return named.name;
}
