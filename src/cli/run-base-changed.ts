/**
 * `env base changed --tier <tier> --since <rev>`: whether the commits since `rev` touch base code
 * (src/ci/base-code.ts). Prints `true` or `false` alone on standard output, for CI
 * (`changed=$(scripts/env base changed …)`), and which files on standard error.
 */
import { baseChangeSince } from '../ci/base-code';
import { UserError } from '../errors/user-error';
import type { BaseArgs } from './command-args';

const LISTED = 10;

export function runBaseChanged(args: Pick<BaseArgs, 'tier' | 'since'>, cwd = process.cwd()): boolean {
  const since = args.since?.trim();
  if (!since) throw new UserError('base changed needs --since <revision>', 'e.g. --since origin/main (a pull request) or --since <previous head> (a push)');
  if (since.startsWith('-')) throw new UserError(`--since ${since}: a revision cannot start with "-"`, 'e.g. --since origin/main');
  const change = baseChangeSince(args.tier, since, cwd);
  if ('reason' in change) process.stderr.write(`cannot compare with ${since}: ${change.reason}; counting the ${args.tier} base as changed\n`);
  else if (!change.changed) process.stderr.write(`no base code of ${args.tier} changed since ${since} (${change.changedFiles} file(s) changed)\n`);
  else {
    const more = change.files.length > LISTED ? `, and ${change.files.length - LISTED} more` : '';
    process.stderr.write(`base code of ${args.tier} changed since ${since}: ${change.files.slice(0, LISTED).join(', ')}${more}\n`);
  }
  process.stdout.write(`${change.changed}\n`);
  return change.changed;
}
