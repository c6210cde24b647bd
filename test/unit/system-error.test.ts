import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { systemErrorAsUserError } from '../../src/errors/system-error';
import { UserError } from '../../src/errors/user-error';

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

const systemError = (code: string, syscall: string, file?: string) => Object.assign(new Error(`${code}: x`), { code, syscall, path: file });

describe('system errors as one line with a hint', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-syserr-'));

  it('names the path and the problem of real fs errors', () => {
    const eisdir = systemErrorAsUserError(thrown(() => fs.writeFileSync(dir, 'x')));
    expect(eisdir).toBeInstanceOf(UserError);
    expect(eisdir?.message).toBe(`cannot open ${dir}: it is a folder (EISDIR)`);
    expect(eisdir?.hint).toBe('name a file, not a folder');
    const enoent = systemErrorAsUserError(thrown(() => fs.readFileSync(path.join(dir, 'missing'))));
    expect(enoent?.message).toBe(`cannot open ${path.join(dir, 'missing')}: no such file or folder (ENOENT)`);
    const eexist = systemErrorAsUserError(thrown(() => fs.mkdirSync(dir)));
    expect(eexist?.message).toBe(`cannot create the folder ${dir}: it already exists (EEXIST)`);
  });

  it.each([
    ['EACCES', 'open', '/x/plan.md', 'cannot open /x/plan.md: permission denied (EACCES)', /ls -ld \/x\/plan.md/],
    ['ENOSPC', 'write', '/x/plan.bin', 'cannot write /x/plan.bin: no space left on the device (ENOSPC)', /df -h/],
    ['ENOTDIR', 'mkdir', '/x/f/d', 'cannot create the folder /x/f/d: a part of the path is a file, not a folder (ENOTDIR)', /\/x\/f\/d/],
    ['ENOENT', 'spawn terraform', 'terraform', 'cannot run terraform: not found (ENOENT)', /install terraform or put it on PATH/],
  ])('%s from %s', (code, syscall, file, message, hint) => {
    const converted = systemErrorAsUserError(systemError(code, syscall, file));
    expect(converted?.message).toBe(message);
    expect(converted?.hint).toMatch(hint);
  });

  it('leaves other errors alone', () => {
    expect(systemErrorAsUserError(new Error('plain'))).toBeUndefined();
    expect(systemErrorAsUserError(systemError('ECONNRESET', 'read'))).toBeUndefined();
    expect(systemErrorAsUserError('EACCES')).toBeUndefined();
  });
});
