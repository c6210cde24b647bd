/**
 * SQL quoting for DDL (which cannot take bind parameters) and the rules a database or role name of a
 * branch env must follow. Quoting matches PostgreSQL's own `quote_ident` (always quoted) and
 * `quote_literal` / `format('%L')`, so any string becomes exactly one identifier or one literal.
 */

/** PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated by the server, so refuse them. */
export const MAX_NAME_BYTES = 63;

/** Lowercase letters, digits and dashes, starting with a letter or digit (dashes need quoting). */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Names no branch env may use: the cluster's own databases and roles. */
const RESERVED_NAMES = ['postgres', 'template0', 'template1', 'rdsadmin'];
const RESERVED_PREFIXES = ['pg_', 'rds'];

function refuseNul(value: string): void {
  if (value.includes('\0')) throw new Error('SQL text cannot contain a NUL character');
}

/** `"name"`, with embedded double quotes doubled. Always quotes, so case and dashes survive. */
export function quoteIdent(name: string): string {
  refuseNul(name);
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A string literal as `format('%L', value)` writes it: single quotes doubled, and when the value has
 * a backslash, backslashes doubled and an `E` prefix (safe whatever standard_conforming_strings is).
 */
export function quoteLiteral(value: string): string {
  refuseNul(value);
  const escaped = value.replace(/'/g, "''").replace(/\\/g, '\\\\');
  return value.includes('\\') ? `E'${escaped}'` : `'${escaped}'`;
}

/**
 * Why `value` cannot be the name of an env's database or role, or undefined when it can.
 * @param what what the name is for, as the event calls it (`database`, `role`)
 * @param masterUsername the cluster's master user, also reserved
 */
export function nameProblem(what: string, value: string, masterUsername: string): string | undefined {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes === 0) return `${what} is empty: give the env's ${what} name`;
  if (bytes > MAX_NAME_BYTES) {
    return `${what} "${value}" is ${bytes} bytes, PostgreSQL allows at most ${MAX_NAME_BYTES}: shorten it`;
  }
  if (!NAME_PATTERN.test(value)) {
    return `${what} ${JSON.stringify(value)} must use only lowercase letters, digits and dashes and start with a letter or digit (${NAME_PATTERN})`;
  }
  if (RESERVED_NAMES.includes(value) || value === masterUsername) {
    return `${what} "${value}" is reserved for the cluster itself: choose another name`;
  }
  const prefix = RESERVED_PREFIXES.find((p) => value.startsWith(p));
  if (prefix) return `${what} "${value}" starts with "${prefix}", which PostgreSQL or RDS reserve: choose another name`;
  return undefined;
}
