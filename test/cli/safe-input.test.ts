/** Issue 9 item 16: a flag without a value, an empty value or an argument after -- is refused by name, never defaulted. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runEnvScript } from '../helpers/env-script';
import { gitCheckout } from '../helpers/git-checkout';

const repo = gitCheckout('feature/x', 2, 'branchenv-input-');
const out = () => fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-input-out-'));
const env = (args: string[], extra: Record<string, string> = {}) => runEnvScript(args, { cwd: repo, env: extra });
const synth = ['synth', 'feature/x', '--set', 'demo'];

describe('refused input', () => {
  it.each([
    ['--tag with no value', [...synth, '--tag'], /--tag needs a value/],
    ['--tier with no value (yargs would take the default)', [...synth, '--tag', 't1', '--tier', '--out', out()], /--tier needs a value/],
    ['--image with no value (yargs would take [])', [...synth, '--tag', 't1', '--image', '--out', out()], /--image needs a value/],
    ['--registry with no value', [...synth, '--tag', 't1', '--registry', '--out', out()], /--registry needs a value/],
    ['--set ""', ['synth', 'feature/x', '--set', '', '--tag', 't1'], /--set needs a value/],
    ['--image=""', [...synth, '--tag', 't1', '--image=', '--out', out()], /--image needs a value/],
    ['an empty --image among others', [...synth, '--tag', 't1', '--image', 'web=nginx:1', '--image', '', '--out', out()], /--image needs a value/],
    ['--region ""', ['ci', 'github', '--region', '', '--stdout'], /--region needs a value/],
    ['--branch with no value (env tag would name the tag after "")', ['tag', '--branch'], /--branch needs a value/],
    ['a --registry that is not a registry host', [...synth, '--tag', 't1', '--registry', 'evil${aws_iam_role.x.arn}', '--out', out()], /--registry evil\$\{aws_iam_role.x.arn\}: .*\$/],
    ['a branch that starts with -', ['synth', '--branch=-x', '--set', 'demo', '--tag', 't1', '--out', out()], /the branch "-x"|--branch "-x" starts with "-"/],
    ['arguments after --', [...synth, '--tag', 't1', '--out', out(), '--', 'extra'], /unexpected argument after --: extra/],
    ['--pr abc', ['comment', 'feature/x', '--set', 'demo', '--pr', 'abc'], /--pr must be a pull request number, a positive whole number \(got not a number\)/],
    ['--pr 0', ['comment', 'feature/x', '--set', 'demo', '--pr', '0'], /--pr must be .*\(got 0\)/],
    ['--pr 4.5', ['comment', 'feature/x', '--set', 'demo', '--pr', '4.5'], /--pr must be .*\(got 4.5\)/],
  ])('%s', (_, args, message) => {
    const result = env(args as string[], { GITHUB_TOKEN: 'unused', GITHUB_REPOSITORY: 'o/r' });
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect(result.stdout).toBe('');
    expect(result.status).toBe(1);
  });

  it('takes --flag=value, and a flag followed by its value', () => {
    const result = env([...synth, '--tag=t1', '--image', 'web=nginx:1', '--out', out()]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
