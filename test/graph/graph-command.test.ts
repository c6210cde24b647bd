/**
 * Issue 10 (graph): `env graph` as the command module parses it: the format follows --out, files are
 * written through safe-write (never over a differing file without --force), standard output otherwise.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import yargs from 'yargs';
import { graphCommand } from '../../src/cli/commands/graph';
import { graphFormatOf } from '../../src/cli/run-graph';

/** Runs `graph …` in-process (the lead registers it in main.ts); returns what it printed, or the error. */
async function graph(...args: string[]): Promise<{ stdout: string; error?: Error }> {
  let stdout = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  try {
    await yargs(['graph', ...args]).command(graphCommand).strict().fail((message, error) => { throw error ?? new Error(message); }).parseAsync();
    return { stdout };
  } catch (error) {
    return { stdout, error: error as Error };
  } finally {
    write.mockRestore();
  }
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-graph-'));
const BRANCH = ['feature/Login-Form', '--set', 'demo'];

describe('format', () => {
  it('follows --format, else the extension of --out, else dot', () => {
    expect(graphFormatOf(undefined, undefined)).toBe('dot');
    expect(graphFormatOf(undefined, '-')).toBe('dot');
    expect(graphFormatOf(undefined, 'out/env.SVG')).toBe('svg');
    expect(graphFormatOf(undefined, 'env.mmd')).toBe('mermaid');
    expect(graphFormatOf(undefined, 'README.md')).toBe('mermaid');
    expect(graphFormatOf(undefined, 'env.gv')).toBe('dot');
    expect(graphFormatOf('mermaid', 'env.svg')).toBe('mermaid');
  });
});

describe('env graph', () => {
  it('prints DOT by default, Mermaid and SVG when asked, and the model with --json', async () => {
    expect((await graph(...BRANCH)).stdout).toMatch(/^digraph env \{\n/);
    expect((await graph(...BRANCH, '--format', 'mermaid')).stdout).toMatch(/^---\ntitle: "stage \/ demo \/ feature-login-28bb00"\n---\nflowchart LR\n/);
    expect((await graph(...BRANCH, '--format', 'svg', '--out=-')).stdout).toMatch(/<svg [\s\S]*<\/svg>\s*$/);
    const model = JSON.parse((await graph(...BRANCH, '--json')).stdout) as { nodes: { id: string }[] };
    expect(model.nodes.map((n) => n.id)).toContain('service:worker');
  });

  it('writes --out in the format its extension names; a .md file gets a ```mermaid block', async () => {
    const dir = tempDir();
    const svg = path.join(dir, 'env.svg');
    expect(await graph(...BRANCH, '--out', svg)).toEqual({ stdout: `${svg}\n` });
    expect(fs.readFileSync(svg, 'utf8')).toMatch(/^<\?xml[\s\S]*<svg /);
    const md = path.join(dir, 'env.md');
    await graph(...BRANCH, '--out', md);
    expect(fs.readFileSync(md, 'utf8')).toMatch(/^```mermaid\n---\n[\s\S]*flowchart LR[\s\S]*\n```\n$/);
  });

  it('leaves an identical file alone, refuses a differing one without --force, replaces it with --force', async () => {
    const file = path.join(tempDir(), 'env.dot');
    await graph(...BRANCH, '--out', file);
    const written = fs.readFileSync(file, 'utf8');
    expect((await graph(...BRANCH, '--out', file)).stdout).toBe(`${file} unchanged\n`);
    fs.writeFileSync(file, 'mine\n');
    const refused = await graph(...BRANCH, '--out', file);
    expect(refused.error?.message).toBe(`${file} exists and differs from what would be written: nothing written`);
    expect(fs.readFileSync(file, 'utf8')).toBe('mine\n');
    expect((await graph(...BRANCH, '--out', file, '--force')).error).toBeUndefined();
    expect(fs.readFileSync(file, 'utf8')).toBe(written);
  });

  it('refuses a folder as --out, an unknown set, and an unknown format', async () => {
    const dir = tempDir();
    expect((await graph(...BRANCH, '--out', dir)).error?.message).toBe(`--out ${dir} is a folder, not a file`);
    expect((await graph('x', '--set', 'nope')).error?.message).toMatch(/unknown set "nope"/);
    expect((await graph(...BRANCH, '--format', 'png')).error?.message).toMatch(/Invalid values[\s\S]*format/);
  });
});
