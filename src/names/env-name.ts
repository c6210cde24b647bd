import { createHash } from 'node:crypto';

/**
 * Longest env name. Every AWS name of an env is built from it plus a service name, and the
 * tightest AWS limit is 32 characters (load balancer target groups): 20 leaves room for
 * `-<service>` suffixes; the branch-environment validation checks each derived name exactly.
 */
export const MAX_ENV_NAME_LENGTH = 20;
/** Hex digits of the hash appended when cleaning or shortening changed the branch name. */
export const ENV_HASH_LENGTH = 6;

/** A lowercase DNS label that starts with a letter, ends with a letter or digit, no `--` runs. */
const ENV_NAME = /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$|^[a-z]$/;

/** What rule 2 appends; a branch that already ends like this is hashed too, so no two branches meet. */
const HASH_SUFFIX = new RegExp(`-[0-9a-f]{${ENV_HASH_LENGTH}}$`);

/** Does the name end in `-` and 6 hex digits, the shape rule 2 of envNameOf appends? */
export function hasHashSuffix(name: string): boolean {
  return HASH_SUFFIX.test(name);
}

/** Is the string a usable env name as it stands? */
export function isValidEnvName(name: string, maxLength = MAX_ENV_NAME_LENGTH): boolean {
  return name.length <= maxLength && ENV_NAME.test(name);
}

/**
 * The env name of a branch: a pure function with fixed rules.
 *
 * 1. A branch name that already is a valid env name is kept as it is (`develop`, `feature-login`),
 *    unless it ends in `-` and 6 hex digits, the shape rule 2 produces.
 * 2. Otherwise it is cleaned: accents dropped (`Ä` → `a`), lowercased, every run of other characters
 *    turned into one `-`, leading digits and dashes and trailing dashes removed; then cut so that
 *    `-<hash>` fits, where hash is the first 6 hex digits of the SHA-256 of the original branch name.
 *    So `feature/Login-Form` → `feature-login-28bb00`, and `a/b` (`a-b-c14cdd`) and `a-b` stay distinct.
 * 3. A branch with nothing usable left (empty, `///`, `123`) becomes `env-<hash>`.
 */
export function envNameOf(branch: string, maxLength = MAX_ENV_NAME_LENGTH): string {
  if (maxLength < ENV_HASH_LENGTH + 3) throw new Error(`maxLength must be at least ${ENV_HASH_LENGTH + 3}, got ${maxLength}`);
  if (isValidEnvName(branch, maxLength) && !HASH_SUFFIX.test(branch)) return branch;
  const hash = createHash('sha256').update(branch, 'utf8').digest('hex').slice(0, ENV_HASH_LENGTH);
  const cleaned = branch
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, maxLength - ENV_HASH_LENGTH - 1)
    .replace(/-+$/, '');
  return `${cleaned || 'env'}-${hash}`;
}
