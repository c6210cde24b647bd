/**
 * Which changed files can change a tier's base: CI plans the base on pull requests that touch them
 * and applies it (behind an approval) when such a change reaches the default branch.
 */
import type { Tier } from '../definitions/base-definition';
import { changedFilesSince } from '../git/git-info';

/**
 * Path prefixes of base code: the tier's base definition, the constructs, the code that builds
 * stacks and the pinned dependencies. Service sets (`<tier>/services/`) are env code, not base code.
 */
export function baseCodePaths(tier: Tier): readonly string[] {
  return [`${tier}/base.ts`, 'modules/', 'src/', 'package.json', 'package-lock.json', 'cdktf.json', 'tsconfig.json'];
}

/** The changed files (paths relative to the repository root, `/`-separated) that are base code of a tier. */
export function baseCodeChanges(tier: Tier, changedFiles: readonly string[]): string[] {
  const prefixes = baseCodePaths(tier);
  return changedFiles.filter((file) => prefixes.some((p) => (p.endsWith('/') ? file.startsWith(p) : file === p)));
}

/** What the commits since a revision did to a tier's base code; a revision that cannot be compared counts as a change. */
export type BaseChange =
  | { readonly changed: boolean; readonly files: readonly string[]; readonly changedFiles: number }
  | { readonly changed: true; readonly reason: string };

export function baseChangeSince(tier: Tier, since: string, cwd: string): BaseChange {
  const diff = changedFilesSince(cwd, since);
  if ('reason' in diff) return { changed: true, reason: diff.reason };
  const files = baseCodeChanges(tier, diff.files);
  return { changed: files.length > 0, files, changedFiles: diff.files.length };
}
