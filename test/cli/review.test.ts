/**
 * env review with real terraform in local mode: a live `develop` env (recorded with apply --local
 * --simulate) planned with this checkout's code, the branch's own env only when it has or gets one,
 * the base when base code changed; one review.md, well-formed, within GitHub's comment limit.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort } from '../helpers/docker-registry';
import { runEnvScript } from '../helpers/env-script';
import { gitCheckout } from '../helpers/git-checkout';
import { GITHUB_COMMENT_LIMIT, markdownProblems } from '../helpers/markdown-check';

let repo: string;
let s3Port: number;
const env = (args: string[]) => runEnvScript([...args, '--local', '--tag', 't1'], { cwd: repo, env: { BRANCHENV_LOCAL_S3_PORT: String(s3Port) } });

beforeAll(async () => {
  repo = gitCheckout('develop', 1, 'branchenv-review-');
  s3Port = await freePort();
  // The merge target's history, as a CI checkout has it: origin/develop at the first commit.
  execFileSync('git', ['update-ref', 'refs/remotes/origin/develop', 'HEAD'], { cwd: repo });
  execFileSync('git', ['checkout', '-q', '-b', 'feature/x'], { cwd: repo });
  const applied = env(['apply', '--set', 'demo', '--simulate', '--branch', 'develop']);
  if (applied.status !== 0) throw new Error(applied.stderr);
}, 240_000);

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

describe('env review', () => {
  let review: string;
  let printed: string;

  beforeAll(() => {
    const result = env(['review', '--branch', 'feature/x', '--target', 'develop', '--set', 'demo']);
    if (result.status !== 0) throw new Error(result.stderr);
    printed = result.stdout;
    review = fs.readFileSync(path.join(repo, '.branchenv', 'review.md'), 'utf8');
  }, 240_000);

  it('lists each plan`s summary line first: no env for a branch that gets none, the target`s env, no base when no base code changed', () => {
    expect(review.split('\n').slice(0, 7)).toEqual([
      '<!-- branchenv-review: stage -->',
      '## branchenv: what `feature/x` changes',
      '',
      "- `feature-x-217d2b` (set `demo`), this branch's env: none: `feature/x` gets no env (`develop`, `infra*`, `test*` do) and has none",
      '- `develop` (set `demo`) after merging: **no changes**',
      '- the `stage` base: no base code changed',
      '',
    ]);
    expect(printed).toContain('develop (set demo) after merging: no changes\n');
  });

  it('holds the target env`s plan.md, without its own marker, well-formed and within the limit', () => {
    expect(review).toContain('### branchenv plan: `develop` (`stage`, set `demo`)');
    expect(review).not.toContain('<!-- branchenv-plan:');
    expect(markdownProblems(review)).toEqual([]);
    expect(review.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  });

  it('plans the branch`s own env when its branch gets one, and the base when base code changed', () => {
    fs.mkdirSync(path.join(repo, 'modules'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'modules', 'x.ts'), '// a base change\n');
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-am', 'base', '--allow-empty'], { cwd: repo });
    execFileSync('git', ['add', 'modules/x.ts'], { cwd: repo });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '-m', 'base change'], { cwd: repo });
    const result = env(['review', '--branch', 'feature/x', '--target', 'develop', '--set', 'demo', '--env-branches', 'feature/*']);
    expect(result.status).toBe(0);
    const md = fs.readFileSync(path.join(repo, '.branchenv', 'review.md'), 'utf8');
    expect(md).toMatch(/- `feature-x-217d2b` \(set `demo`\), this branch's env: \*\*\d+ to add, 0 to change, 0 to destroy\*\*/);
    expect(md).toMatch(/- the `stage` base: \*\*\d+ to add/);
    expect(md.match(/^### branchenv (base )?plan/gm)).toHaveLength(3);
    expect(markdownProblems(md)).toEqual([]);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
  }, 240_000);
});
