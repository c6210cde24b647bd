/**
 * Issue 9 items 4 and 15: `env ci --out` and `env render --out` never replace a file without --force,
 * and file-system errors are one line naming the path, with a hint, not a stack trace.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runEnvScript } from '../helpers/env-script';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-files-'));
const env = (cwd: string, ...args: string[]) => runEnvScript(args, { cwd });

describe('env ci github --out', () => {
  const expected = env(tempDir(), 'ci', 'github', '--out', '-').stdout;

  it('refuses to replace a file that differs, says how (--force, --out -), and leaves it alone', () => {
    const cwd = tempDir();
    const file = path.join(cwd, 'ci.yml');
    fs.writeFileSync(file, 'mine\n');
    const refused = env(cwd, 'ci', 'github', '--out', file);
    expect(refused.stderr).toMatch(new RegExp(`${file} exists and differs`));
    expect(refused.stderr).toMatch(/--force.*--out -/);
    expect(refused.status).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe('mine\n');

    const forced = env(cwd, 'ci', 'github', '--out', file, '--force');
    expect(forced.status).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  });

  it('leaves a file with the same content alone and says "unchanged"', () => {
    const cwd = tempDir();
    expect(env(cwd, 'ci', 'github').stdout).toBe('.github/workflows/branchenv.yml\n');
    const again = env(cwd, 'ci', 'github');
    expect(again.stdout).toBe('.github/workflows/branchenv.yml unchanged\n');
    expect(again.status).toBe(0);
  });

  it('refuses --out "" and a folder, writing nothing', () => {
    const cwd = tempDir();
    const empty = env(cwd, 'ci', 'github', '--out', '');
    expect(empty.stderr).toMatch(/--out needs a value/);
    expect(empty.status).toBe(1);
    const folder = env(cwd, 'ci', 'github', '--out', cwd);
    expect(folder.stderr).toMatch(new RegExp(`--out ${cwd} is a folder, not a file\\n.*--out ${cwd}/branchenv.yml`));
    expect(folder.status).toBe(1);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});

describe('env render monitoring --out', () => {
  it('leaves identical files alone, and replaces changed ones only with --force', () => {
    const out = tempDir();
    expect(env(out, 'render', 'monitoring', '--out', out).status).toBe(0);
    const again = env(out, 'render', 'monitoring', '--out', out);
    expect(again.stdout.trim().split('\n').every((line) => line.endsWith(' unchanged'))).toBe(true);

    const prometheus = path.join(out, 'prometheus.yml');
    fs.writeFileSync(prometheus, 'edited\n');
    const refused = env(out, 'render', 'monitoring', '--out', out);
    expect(refused.stderr).toMatch(new RegExp(`${prometheus} exists and differs.*nothing written\\n.*--force`));
    expect(refused.status).toBe(1);
    expect(fs.readFileSync(prometheus, 'utf8')).toBe('edited\n');

    expect(env(out, 'render', 'monitoring', '--out', out, '--force').status).toBe(0);
    expect(fs.readFileSync(prometheus, 'utf8')).not.toBe('edited\n');
  });

  it('refuses an --out that is a file', () => {
    const file = path.join(tempDir(), 'rendered');
    fs.writeFileSync(file, '');
    const result = env(path.dirname(file), 'render', 'monitoring', '--out', file);
    expect(result.stderr).toMatch(new RegExp(`--out ${file} is a file, not a folder`));
    expect(result.status).toBe(1);
  });
});

describe('file-system errors', () => {
  it.each([
    ['a folder below a file (ENOTDIR)', (file: string) => ['render', 'monitoring', '--out', path.join(file, 'sub')], /^env: cannot \w[\w ]* .*\/file\/sub: a part of the path is a file, not a folder \(ENOTDIR\)\n\s+\S/],
    ['a stack folder where a file is (EEXIST or ENOTDIR)', (file: string) => ['synth', 'base', '--tier', 'stage', '--out', file], /^env: cannot \w[\w ]* .*\/file.*: .* \((EEXIST|ENOTDIR)\)\n\s+\S/],
  ])('%s: one line naming the path, and a hint', (_, args, message) => {
    const dir = tempDir();
    const file = path.join(dir, 'file');
    fs.writeFileSync(file, '');
    const result = env(dir, ...args(file));
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/--debug|\n\s+at /);
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect(result.status).toBe(1);
  });
});
