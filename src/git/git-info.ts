import { execFileSync, spawnSync } from 'node:child_process';

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Short sha of HEAD, or undefined outside git. */
export function headCommit(cwd: string): string | undefined {
  return git(['rev-parse', '--short', 'HEAD'], cwd);
}

/** `git rev-list --count HEAD`, or undefined outside git. */
export function commitCount(cwd: string): number | undefined {
  const count = git(['rev-list', '--count', 'HEAD'], cwd);
  return count === undefined ? undefined : Number(count);
}

/** What HEAD of a checkout is; src/git/checkout-checks.ts turns each case into a message. */
export type CheckoutState =
  | { readonly kind: 'no-git' }
  /** `reason`: git's own first line (e.g. "detected dubious ownership in repository at …"). */
  | { readonly kind: 'not-a-repository'; readonly reason: string }
  | { readonly kind: 'no-commits'; readonly branch?: string }
  | { readonly kind: 'detached' }
  | { readonly kind: 'on-branch'; readonly branch: string };

interface GitRun {
  readonly ok: boolean;
  readonly out: string;
  readonly err: string;
  /** git itself could not be started. */
  readonly missing: boolean;
}

function runGit(args: string[], cwd: string): GitRun {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.error) return { ok: false, out: '', err: run.error.message, missing: (run.error as NodeJS.ErrnoException).code === 'ENOENT' };
  return { ok: run.status === 0, out: run.stdout.trim(), err: run.stderr.trim(), missing: false };
}

/** Whether cwd is in a repository, whether it has commits, and the branch HEAD is on. */
export function checkoutState(cwd: string): CheckoutState {
  const gitDir = runGit(['rev-parse', '--git-dir'], cwd);
  if (gitDir.missing) return { kind: 'no-git' };
  if (!gitDir.ok) return { kind: 'not-a-repository', reason: gitDir.err.split('\n')[0].replace(/^fatal: /, '') };
  const symbolic = runGit(['symbolic-ref', '--short', '-q', 'HEAD'], cwd);
  const branch = symbolic.ok && symbolic.out ? symbolic.out : undefined;
  if (!runGit(['rev-parse', '--verify', '-q', 'HEAD'], cwd).ok) return { kind: 'no-commits', branch };
  return branch === undefined ? { kind: 'detached' } : { kind: 'on-branch', branch };
}

/** Whether the checkout lacks history (`git clone --depth`): its `rev-list --count` is not the real count. */
export function isShallow(cwd: string): boolean {
  return runGit(['rev-parse', '--is-shallow-repository'], cwd).out === 'true';
}

/** Files changed between the merge base of `since` and HEAD (`git diff --name-only since...HEAD`), or why not. */
export function changedFilesSince(cwd: string, since: string): { readonly files: readonly string[] } | { readonly reason: string } {
  if (/^0+$/.test(since)) return { reason: 'no earlier commit (a new branch)' };
  if (!runGit(['rev-parse', '--verify', '-q', `${since}^{commit}`], cwd).ok) return { reason: `${since} is not a commit of this checkout (a shallow clone? fetch-depth: 0)` };
  const diff = runGit(['diff', '--name-only', '-z', `${since}...HEAD`], cwd);
  if (!diff.ok) return { reason: diff.err.split('\n')[0].replace(/^fatal: /, '') || `git diff ${since}...HEAD failed` };
  return { files: diff.out.split('\0').filter((f) => f.length > 0) };
}

/** The web address of the `origin` remote (`git@github.com:o/r.git` → https://github.com/o/r), when it is a known host's. */
export function remoteWebUrl(cwd: string): string | undefined {
  const remote = runGit(['remote', 'get-url', 'origin'], cwd);
  if (!remote.ok) return undefined;
  const match = /^(?:https:\/\/(?:[^@/]+@)?|git@|ssh:\/\/git@)([A-Za-z0-9.-]+)[:/]([A-Za-z0-9_.-]+\/[A-Za-z0-9_.\/-]+?)(?:\.git)?\/?$/.exec(remote.out);
  if (!match || !/^(github\.com|gitlab\.com|bitbucket\.org)$|^(github|gitlab)\./.test(match[1])) return undefined;
  return `https://${match[1]}/${match[2]}`;
}
