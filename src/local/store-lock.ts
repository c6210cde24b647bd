/**
 * One branchenv run at a time per local store: an exclusive lock file in the store's folder,
 * created with O_EXCL and holding the owner's pid. A lock whose process is gone (killed, crashed)
 * is stale and taken over. Released by `release()`, and when the process exits.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { UserError } from '../errors/user-error';

export const STORE_LOCK_FILE = 'branchenv-run.lock';
/** A lock file still empty after this long was left by a process that died while creating it. */
const EMPTY_LOCK_GRACE_MS = 10_000;

export interface StoreLock {
  readonly file: string;
  /** Removes the lock file (once; later calls do nothing). */
  release(): void;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/** Takes the lock of the store at `directory`, or throws a UserError naming the run that holds it. */
export function acquireStoreLock(directory: string): StoreLock {
  const file = path.join(directory, STORE_LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o644);
      try {
        fs.writeSync(fd, JSON.stringify(me));
      } finally {
        fs.closeSync(fd);
      }
      return heldLock(file, me);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = readLock(file);
    if (text === undefined) continue; // released meanwhile: try again
    const owner = parseOwner(text);
    if (attempt < 3 && isStale(file, owner)) {
      // Remove it only if it is still the lock judged stale (another run may have replaced it meanwhile).
      if (readLock(file) === text) fs.rmSync(file, { force: true });
      continue;
    }
    throw new UserError(
      `another branchenv run uses this store (${directory}, ${owner ? `pid ${owner.pid}${owner.host === me.host ? '' : ` on ${owner.host}`}` : 'pid unknown'})`,
      `wait for it to finish, or stop it${owner ? ` (kill ${owner.pid})` : ''}; a lock left by a run that died is taken over by itself (file: ${file})`,
    );
  }
}

function heldLock(file: string, me: LockOwner): StoreLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.removeListener('exit', release);
    // Only our own lock: a lock file we do not own is never removed.
    if (parseOwner(readLock(file) ?? '')?.pid === me.pid) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { file, release };
}

function readLock(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    return Number.isInteger(owner.pid) && typeof owner.host === 'string' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the lock's owner is gone: its pid no longer runs here, or it died before writing the file. */
function isStale(file: string, owner: LockOwner | undefined): boolean {
  if (!owner) {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat !== undefined && Date.now() - stat.mtimeMs > EMPTY_LOCK_GRACE_MS;
  }
  if (owner.host !== os.hostname()) return false; // a process on another machine cannot be checked
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
