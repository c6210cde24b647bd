/**
 * One branchenv run at a time per local store: an exclusive lock file in the store's folder
 * (see file-lock.ts: a lock whose process is gone is taken over).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { FileLock, tryFileLock } from '../concurrency/file-lock';
import { UserError } from '../errors/user-error';

export const STORE_LOCK_FILE = 'branchenv-run.lock';

export type StoreLock = FileLock;

/** Takes the lock of the store at `directory`, or throws a UserError naming the run that holds it. */
export function acquireStoreLock(directory: string): StoreLock {
  const file = path.join(directory, STORE_LOCK_FILE);
  const attempt = tryFileLock(file);
  if ('lock' in attempt) return attempt.lock;
  const owner = attempt.heldBy;
  throw new UserError(
    `another branchenv run uses this store (${directory}, ${owner ? `pid ${owner.pid}${owner.host === os.hostname() ? '' : ` on ${owner.host}`}` : 'pid unknown'})`,
    `wait for it to finish, or stop it${owner ? ` (kill ${owner.pid})` : ''}; a lock left by a run that died is taken over by itself (file: ${file})`,
  );
}
