/** Issue 9 items 6 and 15: checkouts the CLI cannot name a branch or tag from say why, and what to do. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runEnvScript } from '../helpers/env-script';
import { gitCheckout } from '../helpers/git-checkout';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'ignore' });
const env = (cwd: string, ...args: string[]) => runEnvScript(args, { cwd });

/** A refusal: exit 1, nothing on stdout, a message and a hint, no stack-trace advice. */
function expectRefusal(result: ReturnType<typeof env>, message: RegExp, hint: RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.stderr).toMatch(hint);
  expect(result.stderr).not.toMatch(/--debug|\n\s+at /);
  expect(result.status).toBe(1);
}

describe('env tag in a shallow clone', () => {
  const origin = gitCheckout('feature/x', 3, 'branchenv-origin-');
  const clones = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-clones-'));
  git(clones, 'clone', '-q', '--depth', '1', `file://${origin}`, 'shallow');
  git(clones, 'clone', '-q', `file://${origin}`, 'full');

  it('refuses: the revision count of 1 would lose to every older image', () => {
    expectRefusal(env(path.join(clones, 'shallow'), 'tag'), /shallow/, /git fetch --unshallow.*fetch-depth: 0/);
  });

  it('refuses the same in local mode, where plan computes the tag too', () => {
    const result = env(path.join(clones, 'shallow'), 'synth', '--set', 'demo', '--local', '--out', fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-out-')));
    expect(result.stderr).toMatch(/shallow/);
    expect(result.status).toBe(1);
  });

  it('counts every revision in a full clone', () => {
    const result = env(path.join(clones, 'full'), 'tag');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^feature-x-[0-9a-f]{6}-3-[0-9a-f]{7}\n$/);
  });
});

describe('checkouts without a branch', () => {
  it('a detached HEAD: name the branch, as CI does', () => {
    const repo = gitCheckout('feature/x', 2);
    git(repo, 'checkout', '-q', '--detach');
    expectRefusal(env(repo, 'tag'), /HEAD is detached \(CI checkouts often are\).*--branch "\$GITHUB_HEAD_REF"/, /CI_COMMIT_REF_NAME/);
    expect(env(repo, 'tag', '--branch', 'feature/x').stdout).toMatch(/^feature-x-[0-9a-f]{6}-2-/);
  });

  it('a repository without commits: commit first', () => {
    const repo = gitCheckout('main', 0);
    expectRefusal(env(repo, 'tag'), /no commits yet \(branch main/, /git commit/);
    expectRefusal(env(repo, 'tag', '--branch', 'main'), /no commits yet/, /git commit/);
  });

  it('a folder outside git: run inside the checkout', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-nogit-'));
    expectRefusal(env(folder, 'tag'), new RegExp(`${folder} is not inside a git repository`), /run env inside your checkout/);
  });
});
