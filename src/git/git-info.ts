import { execFileSync } from 'node:child_process';

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The checked-out branch, or undefined when detached or outside git. */
export function currentBranch(cwd: string): string | undefined {
  const branch = git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd);
  return branch === 'HEAD' ? undefined : branch;
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
