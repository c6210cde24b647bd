import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tryFileLock, waitForFileLock } from '../../src/concurrency/file-lock';

const lockPath = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-file-lock-')), 'turn.lock');

describe('waitForFileLock', () => {
  it('waits until the holder releases, then holds the lock itself', async () => {
    const file = lockPath();
    const first = await waitForFileLock(file, { timeoutMs: 1000, onTimeout: () => new Error('timeout') });
    let second = false;
    const waiting = waitForFileLock(file, { timeoutMs: 5000, pollMs: 10, onTimeout: () => new Error('timeout') }).then((lock) => {
      second = true;
      return lock;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second).toBe(false);
    first.release();
    const lock = await waiting;
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('gives up after its timeout with the error built from the holder', async () => {
    const file = lockPath();
    const held = tryFileLock(file);
    expect('lock' in held).toBe(true);
    await expect(
      waitForFileLock(file, { timeoutMs: 50, pollMs: 10, onTimeout: (holder) => new Error(`held by pid ${holder?.pid}`) }),
    ).rejects.toThrow(`held by pid ${process.pid}`);
    if ('lock' in held) held.lock.release();
  });

  it('takes over a lock whose process is gone', async () => {
    const file = lockPath();
    fs.writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), started: '2026-01-01T00:00:00Z' }));
    const lock = await waitForFileLock(file, { timeoutMs: 1000, onTimeout: () => new Error('timeout') });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });
});
