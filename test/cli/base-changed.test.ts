import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { baseCodeChanges } from '../../src/ci/base-code';
import { runEnvScript } from '../helpers/env-script';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } }).trim();
}

function commit(cwd: string, file: string, content: string): string {
  fs.mkdirSync(path.dirname(path.join(cwd, file)), { recursive: true });
  fs.writeFileSync(path.join(cwd, file), content);
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '-m', file);
  return git(cwd, 'rev-parse', 'HEAD');
}

describe('env base changed', () => {
  let repo: string;
  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'base-changed-'));
    git(repo, 'init', '-q', '-b', 'main');
    commit(repo, 'README.md', 'x');
  });
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  const changed = (since: string, tier = 'stage') => runEnvScript(['base', 'changed', '--tier', tier, '--since', since], { cwd: repo });

  it('prints false for a change of a service set or the docs, and names how many files changed', () => {
    git(repo, 'checkout', '-q', '-B', 'feature/set', 'main');
    commit(repo, 'stage/services/demo.ts', 'set');
    commit(repo, 'docs/x.md', 'doc');
    const result = changed('main');
    expect([result.status, result.stdout]).toEqual([0, 'false\n']);
    expect(result.stderr).toBe('no base code of stage changed since main (2 file(s) changed)\n');
  });

  it('prints true for a change of the tier`s base, a construct or the lock file, and names the files', () => {
    git(repo, 'checkout', '-q', '-B', 'feature/base', 'main');
    commit(repo, 'stage/base.ts', 'base');
    commit(repo, 'modules/network/vpc.ts', 'vpc');
    const result = changed('main');
    expect([result.status, result.stdout]).toEqual([0, 'true\n']);
    expect(result.stderr).toBe('base code of stage changed since main: modules/network/vpc.ts, stage/base.ts\n');
    // Another tier's base is not this tier's.
    expect(changed('main', 'prod').stdout).toBe('true\n'); // modules/ is every tier's
    git(repo, 'checkout', '-q', '-B', 'feature/prod-only', 'main');
    commit(repo, 'prod/base.ts', 'prod');
    expect(changed('main', 'stage').stdout).toBe('false\n');
    expect(changed('main', 'prod').stdout).toBe('true\n');
  });

  it('compares from the merge base, so commits on the target branch since do not count', () => {
    git(repo, 'checkout', '-q', 'main');
    commit(repo, 'src/stacks/base-stack.ts', 'target moved on');
    git(repo, 'checkout', '-q', 'feature/set');
    expect(changed('main').stdout).toBe('false\n');
  });

  it('counts a revision it cannot compare with as changed, and says why', () => {
    const zeros = changed('0000000000000000000000000000000000000000');
    expect([zeros.status, zeros.stdout]).toEqual([0, 'true\n']);
    expect(zeros.stderr).toMatch(/cannot compare with 0+: no earlier commit \(a new branch\); counting the stage base as changed/);
    const unknown = changed('origin/nope');
    expect(unknown.stdout).toBe('true\n');
    expect(unknown.stderr).toMatch(/origin\/nope is not a commit of this checkout \(a shallow clone\? fetch-depth: 0\)/);
  });

  it('refuses a revision that looks like an option', () => {
    const result = runEnvScript(['base', 'changed', '--tier', 'stage', '--since=--output=x'], { cwd: repo });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/a revision cannot start with "-"/);
  });
});

describe('base code', () => {
  it('is the tier`s base definition, constructs, source and dependencies; not service sets or other tiers', () => {
    expect(baseCodeChanges('stage', ['stage/base.ts', 'stage/services/demo.ts', 'prod/base.ts', 'modules/a.ts', 'src/x/y.ts', 'package-lock.json', 'README.md', 'srcx/a.ts'])).toEqual([
      'stage/base.ts',
      'modules/a.ts',
      'src/x/y.ts',
      'package-lock.json',
    ]);
  });
});
