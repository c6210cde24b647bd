/**
 * Which changed files can change a tier's base: CI plans the base on pull requests that touch them
 * and applies it (behind an approval) when such a change reaches the default branch.
 */
import type { Tier } from '../definitions/base-definition';

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
