/**
 * An exclusive lock between processes on one machine: a file created with O_EXCL that holds its
 * owner's pid. A lock whose process is gone (killed, crashed) is stale and taken over. Released by
 * `release()`, and when the process exits.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

/** A lock file still empty after this long was left by a process that died while creating it. */
const EMPTY_LOCK_GRACE_MS = 10_000;

export interface FileLock {
  readonly file: string;
  /** Removes the lock file (once; later calls do nothing). */
  release(): void;
}

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

/** The lock, or who holds it (undefined when the holder cannot be read). */
export type LockAttempt = { readonly lock: FileLock } | { readonly heldBy: LockOwner | undefined };

/** Takes the lock at `file` unless a live process holds it; a stale lock is taken over. */
export function tryFileLock(file: string): LockAttempt {
  const me: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o644);
      try {
        fs.writeSync(fd, JSON.stringify(me));
      } finally {
        fs.closeSync(fd);
      }
      return { lock: heldLock(file, me) };
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
    return { heldBy: owner };
  }
}

/**
 * Waits for the lock at `file`, polling, for at most `timeoutMs`; then throws an error naming the
 * holder (built by `onTimeout`).
 */
export async function waitForFileLock(
  file: string,
  options: { timeoutMs: number; pollMs?: number; onTimeout: (holder: LockOwner | undefined) => Error },
): Promise<FileLock> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const attempt = tryFileLock(file);
    if ('lock' in attempt) return attempt.lock;
    if (Date.now() >= deadline) throw options.onTimeout(attempt.heldBy);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}

function heldLock(file: string, me: LockOwner): FileLock {
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
