/**
 * `env base changed --tier <tier> --since <rev>`: whether the commits since `rev` touch base code
 * (src/ci/base-code.ts). Prints `true` or `false` alone on standard output, for CI
 * (`changed=$(scripts/env base changed …)`), and which files on standard error.
 */
import { baseCodeChanges } from '../ci/base-code';
import { UserError } from '../errors/user-error';
import { changedFilesSince } from '../git/git-info';
import type { BaseArgs } from './command-args';

const LISTED = 10;

export function runBaseChanged(args: Pick<BaseArgs, 'tier' | 'since'>, cwd = process.cwd()): boolean {
  const since = args.since?.trim();
  if (!since) throw new UserError('base changed needs --since <revision>', 'e.g. --since origin/main (a pull request) or --since <previous head> (a push)');
  if (since.startsWith('-')) throw new UserError(`--since ${since}: a revision cannot start with "-"`, 'e.g. --since origin/main');
  const diff = changedFilesSince(cwd, since);
  let changed: boolean;
  if ('reason' in diff) {
    process.stderr.write(`cannot compare with ${since}: ${diff.reason}; counting the ${args.tier} base as changed\n`);
    changed = true;
  } else {
    const files = baseCodeChanges(args.tier, diff.files);
    changed = files.length > 0;
    if (!changed) process.stderr.write(`no base code of ${args.tier} changed since ${since} (${diff.files.length} file(s) changed)\n`);
    else {
      const more = files.length > LISTED ? `, and ${files.length - LISTED} more` : '';
      process.stderr.write(`base code of ${args.tier} changed since ${since}: ${files.slice(0, LISTED).join(', ')}${more}\n`);
    }
  }
  process.stdout.write(`${changed}\n`);
  return changed;
}
