/**
 * What the CLI needs from the checkout (the branch, HEAD's revision), or a UserError that says why it
 * is missing and what to do: no git, not a repository, no commits, detached HEAD, shallow clone.
 */
import { UserError } from '../errors/user-error';
import { CheckoutState, checkoutState, commitCount, headCommit, isShallow } from './git-info';

const NAME_THE_BRANCH = ', or name the branch, e.g. env plan feature/login --set demo';

type NoHistory = Exclude<CheckoutState, { kind: 'on-branch' | 'detached' }>;

/** The error for a checkout that is no repository with commits; `orElse` ends the hint. */
function noHistoryError(state: NoHistory, cwd: string, orElse = ''): UserError {
  switch (state.kind) {
    case 'no-git':
      return new UserError('git is not installed (or not on PATH)', `install git${orElse}`);
    case 'not-a-repository':
      if (/dubious ownership/.test(state.reason)) {
        return new UserError(`git refuses the repository at ${cwd}: it belongs to another user`, `trust it: git config --global --add safe.directory ${cwd}`);
      }
      return new UserError(`${cwd} is not inside a git repository`, `run env inside your checkout${orElse}`);
    default:
      return new UserError(
        `the repository has no commits yet${state.branch ? ` (branch ${state.branch} has no HEAD commit)` : ''}`,
        `commit first, e.g. git commit --allow-empty -m "first commit"${orElse}`,
      );
  }
}

/** The branch checked out in cwd. */
export function checkedOutBranch(cwd: string): string {
  const state = checkoutState(cwd);
  if (state.kind === 'on-branch') return state.branch;
  if (state.kind === 'detached') {
    throw new UserError(
      'HEAD is detached (CI checkouts often are): name the branch, e.g. env plan --branch "$GITHUB_HEAD_REF"',
      'GitLab: --branch "$CI_COMMIT_REF_NAME"; CircleCI: --branch "$CIRCLE_BRANCH"; by hand: git switch <branch>',
    );
  }
  throw noHistoryError(state, cwd, NAME_THE_BRANCH);
}

/** HEAD's short sha and revision count (`git rev-list --count HEAD`), from a checkout with full history. */
export function headRevision(cwd: string): { readonly sha: string; readonly count: number } {
  const state = checkoutState(cwd);
  if (state.kind !== 'on-branch' && state.kind !== 'detached') throw noHistoryError(state, cwd);
  if (isShallow(cwd)) {
    throw new UserError(
      'this clone is shallow (git clone --depth): its revision count is wrong, so a tag made here would lose to every older image',
      'fetch the full history: git fetch --unshallow; GitHub Actions: actions/checkout with fetch-depth: 0; GitLab: GIT_DEPTH: 0',
    );
  }
  const sha = headCommit(cwd);
  const count = commitCount(cwd);
  if (!sha || count === undefined || !Number.isInteger(count)) throw new UserError('cannot read HEAD of the checkout', 'check git status, then run again');
  return { sha, count };
}
