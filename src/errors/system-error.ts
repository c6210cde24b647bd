/**
 * Node's system errors (EACCES, ENOENT, …: `code`, `path`, `syscall` set by fs and child_process) as a
 * UserError of one line that names the path and the problem, and a hint, instead of a stack trace.
 */
import { UserError } from './user-error';

interface SystemErrorLike {
  readonly code: string;
  readonly syscall?: string;
  readonly path?: string;
  readonly dest?: string;
}

/** Per code: what went wrong, and what to do about it (`where`: the path or its folder). */
const CODES: Readonly<Record<string, { readonly problem: string; readonly hint: (where: string) => string }>> = {
  EACCES: { problem: 'permission denied', hint: (p) => `check the permissions (ls -ld ${p}), or choose another path` },
  EPERM: { problem: 'operation not permitted', hint: (p) => `check the permissions and attributes of ${p}, or choose another path` },
  ENOENT: { problem: 'no such file or folder', hint: (p) => `check the path ${p} (relative paths start at ${process.cwd()})` },
  EISDIR: { problem: 'it is a folder', hint: () => 'name a file, not a folder' },
  ENOTDIR: { problem: 'a part of the path is a file, not a folder', hint: (p) => `check each folder of ${p}, or choose another path` },
  EEXIST: { problem: 'it already exists', hint: (p) => `remove ${p} or choose another path` },
  ENOSPC: { problem: 'no space left on the device', hint: (p) => `free some space (df -h ${p}), then run again` },
  EROFS: { problem: 'read-only file system', hint: () => 'choose a path on a writable file system' },
  EMFILE: { problem: 'too many open files', hint: () => 'raise the limit (ulimit -n), then run again' },
};

/** What the failed call was doing, by syscall name. */
const ACTIONS: Readonly<Record<string, string>> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  scandir: 'list the folder',
  rmdir: 'remove the folder',
  unlink: 'remove',
  rm: 'remove',
  rename: 'rename',
  copyfile: 'copy',
  stat: 'access',
  lstat: 'access',
  access: 'access',
  chmod: 'change the mode of',
  symlink: 'link',
  mkdtemp: 'create a temporary folder in',
};

/** Not `instanceof Error`: errors from another realm (a vm context, jest) fail that test. */
function isSystemError(error: unknown): error is Error & SystemErrorLike {
  const { code, syscall } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; syscall?: unknown };
  return typeof code === 'string' && typeof syscall === 'string';
}

/** The UserError for a file-system or spawn error with a code this module knows; undefined for any other error. */
export function systemErrorAsUserError(error: unknown): UserError | undefined {
  if (!isSystemError(error)) return undefined;
  const known = CODES[error.code];
  if (!known) return undefined;
  const syscall = error.syscall ?? '';
  let message: string;
  let hint: string;
  if (syscall.startsWith('spawn')) {
    const program = error.path ?? syscall.replace(/^spawn\s*/, '');
    message = `cannot run ${program}: ${error.code === 'ENOENT' ? 'not found' : known.problem} (${error.code})`;
    hint = error.code === 'ENOENT' ? `install ${program} or put it on PATH` : known.hint(program);
  } else {
    const action = ACTIONS[syscall] ?? syscall;
    const target = error.path ? `${error.path}${error.dest ? ` to ${error.dest}` : ''}` : '(no path given)';
    message = `cannot ${action} ${target}: ${known.problem} (${error.code})`;
    hint = known.hint(error.path ?? '.');
  }
  const converted = new UserError(message, hint);
  converted.stack = error.stack;
  return converted;
}
