import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { functionZip } from '../../src/synth/function-code';
import { zipArchive } from '../../src/synth/zip-archive';

/** Runs one of Debian's unzip tools (package `unzip`: unzip, zipinfo) and returns its stdout. */
function unzipTool(tool: 'unzip' | 'zipinfo', args: string[]): Buffer {
  const binary = `/usr/bin/${tool}`;
  if (!fs.existsSync(binary)) throw new Error(`${binary} is missing: install Debian's unzip package (apt-get install unzip) to run this test`);
  return execFileSync(binary, args, { maxBuffer: 64 * 1024 * 1024 });
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function writeTemp(content: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-zip-'));
  tempDirs.push(dir);
  const file = path.join(dir, 'code.zip');
  fs.writeFileSync(file, content);
  return file;
}

const sha256Base64 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

/** Text that deflate compresses (repeats) with some non-ASCII, as a bundle would hold. */
const CODE = Buffer.from(`"use strict";\n${'exports.handler = async (event) => ({ ok: true, event, note: "naïve ✓" });\n'.repeat(200)}`);

describe('zip archives of function code', () => {
  it('are byte-for-byte the same for the same files, whenever they are built', () => {
    const first = zipArchive([{ name: 'index.js', content: CODE }]);
    const second = zipArchive([{ name: 'index.js', content: Buffer.from(CODE) }]);
    expect(second.equals(first)).toBe(true);
    expect(sha256Base64(second)).toBe(sha256Base64(first));
  });

  it('differ in bytes and hash when the content changes by one character', () => {
    const changed = Buffer.from(CODE);
    changed[changed.length - 2] = 'X'.charCodeAt(0);
    const a = zipArchive([{ name: 'index.js', content: CODE }]);
    const b = zipArchive([{ name: 'index.js', content: changed }]);
    expect(b.equals(a)).toBe(false);
    expect(sha256Base64(b)).not.toBe(sha256Base64(a));
  });

  it('are read back by unzip: the entry holds exactly the content and passes the CRC test', () => {
    const file = writeTemp(zipArchive([{ name: 'index.js', content: CODE }]));
    expect(unzipTool('unzip', ['-p', file, 'index.js']).equals(CODE)).toBe(true);
    expect(unzipTool('unzip', ['-tq', file]).toString()).toMatch(/No errors detected/);
  });

  it('hold every entry in the order given, each readable on its own', () => {
    const other = Buffer.from('module.exports = 42;\n');
    const file = writeTemp(zipArchive([{ name: 'index.js', content: CODE }, { name: 'lib/other.js', content: other }]));
    expect(unzipTool('zipinfo', ['-1', file]).toString().trim().split('\n')).toEqual(['index.js', 'lib/other.js']);
    expect(unzipTool('unzip', ['-p', file, 'lib/other.js']).equals(other)).toBe(true);
    expect(unzipTool('unzip', ['-p', file, 'index.js']).equals(CODE)).toBe(true);
  });

  it('give entries Unix mode -rw-r--r-- (readable by the Lambda runtime) and a fixed 1980 timestamp', () => {
    const file = writeTemp(zipArchive([{ name: 'index.js', content: CODE }]));
    const listing = unzipTool('zipinfo', [file]).toString();
    const line = listing.split('\n').find((l) => l.endsWith(' index.js'));
    expect(line).toMatch(/^-rw-r--r-- .* 80-Jan-01 00:00 index\.js$/);
  });
});

describe('the database provisioner function zip', () => {
  const zip = functionZip('database-provisioner');

  it('has a source_code_hash that is the base64 SHA-256 of its bytes', () => {
    expect(zip.sha256Base64).toBe(sha256Base64(zip.content));
    expect(zip.fileName).toBe('database-provisioner.zip');
  });

  it('holds the bundled handler as index.js', () => {
    const file = writeTemp(zip.content);
    const code = unzipTool('unzip', ['-p', file, 'index.js']).toString();
    expect(code.length).toBeGreaterThan(0);
    expect(code).toMatch(/handler/);
  });
});
