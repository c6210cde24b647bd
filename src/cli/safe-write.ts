/**
 * Writing files the user named (env ci --out, env render --out): never onto a folder, never over a file
 * whose content differs unless forced; a file that already holds the content is left alone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors/user-error';

export interface PlannedFile {
  readonly file: string;
  readonly content: string;
  /** @default 0o644 (fs default, less umask) */
  readonly mode?: number;
}

export interface SafeWriteOptions {
  /** Replace files whose content differs. */
  readonly force: boolean;
  /** Ends the hint when a file would be replaced: another way out than --force (e.g. "print it with --out -"). */
  readonly otherwise: string;
}

export type WriteOutcome = 'written' | 'unchanged';

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    // Absent (ENOTDIR: a parent is a file; creating the folder then fails with a message that says so).
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw error;
  }
}

/** Refuses a path that is empty or an existing folder; `flag` names where it came from (e.g. "--out"). */
export function checkFilePath(file: string, flag: string, example: string): void {
  if (file.trim() === '') throw new UserError(`${flag} is empty`, `name a file, e.g. ${flag} ${example}`);
  if (statOf(file)?.isDirectory()) throw new UserError(`${flag} ${file} is a folder, not a file`, `name the file, e.g. ${flag} ${path.join(file, path.basename(example))}`);
}

/** Refuses an empty folder path, or one that names an existing file. */
export function checkFolderPath(folder: string, flag: string, example: string): void {
  if (folder.trim() === '') throw new UserError(`${flag} is empty`, `name a folder, e.g. ${flag} ${example}`);
  const stat = statOf(folder);
  if (stat && !stat.isDirectory()) throw new UserError(`${flag} ${folder} is a file, not a folder`, `name a folder, e.g. ${flag} ${example}`);
}

/** Checks every file first, then writes those that change; returns what happened to each, in order. */
export function writeFilesSafely(files: readonly PlannedFile[], options: SafeWriteOptions): WriteOutcome[] {
  const outcomes = files.map((planned): WriteOutcome | 'differs' => {
    const stat = statOf(planned.file);
    if (stat === undefined) return 'written';
    if (stat.isDirectory()) throw new UserError(`${planned.file} is a folder, not a file`, 'remove it, or write somewhere else');
    if (fs.readFileSync(planned.file, 'utf8') === planned.content) return 'unchanged';
    return options.force ? 'written' : 'differs';
  });
  const differing = files.filter((_, i) => outcomes[i] === 'differs').map((f) => f.file);
  if (differing.length > 0) {
    const which = differing.length === 1 ? `${differing[0]} exists and differs` : `${differing.length} files exist and differ (${differing.join(', ')})`;
    throw new UserError(`${which} from what would be written: nothing written`, `replace with --force, or ${options.otherwise}`);
  }
  files.forEach((planned, i) => {
    if (outcomes[i] !== 'written') return;
    fs.mkdirSync(path.dirname(path.resolve(planned.file)), { recursive: true });
    fs.writeFileSync(planned.file, planned.content);
    if (planned.mode !== undefined) fs.chmodSync(planned.file, planned.mode);
  });
  return outcomes as WriteOutcome[];
}
