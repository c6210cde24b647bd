import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** A new git repository in a temp folder, on `branch`, with `commits` empty commits; returns its path. */
export function gitCheckout(branch: string, commits = 1, prefix = 'branchenv-git-'): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '-q', '-b', branch);
  for (let i = 1; i <= commits; i++) git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', `commit ${i}`);
  return repo;
}
