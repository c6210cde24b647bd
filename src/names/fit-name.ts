/**
 * AWS names with tight limits (target groups 32, IAM roles 64, S3 buckets 63) are built from the
 * set, env and service names. When the readable name is too long it is shortened to a stable
 * form: the start of the name, `-`, the first 8 hex digits of the SHA-256 of the whole readable
 * name, then the kept suffix (`-exec`, `-<account>-<region>`). Names that fit stay exactly as they
 * were, so existing envs never see a rename. The readable name goes into the resource's tags.
 */
import { createHash } from 'node:crypto';

/** Hex digits of the hash in a shortened name: 32 bits, so two shortened names sharing a start practically never meet. */
export const FIT_HASH_LENGTH = 8;

export interface FitOptions {
  /** Kept as it is at the end of the name (`-exec`, `-123456789012-eu-west-1`). @default '' */
  readonly suffix?: string;
}

/**
 * `readable` when it fits `limit`; otherwise its start (trailing dashes and dots dropped), `-`,
 * 8 hex digits of its hash, and the suffix. Throws when not even the suffix and hash fit.
 */
export function fitName(readable: string, limit: number, options: FitOptions = {}): string {
  if (readable.length <= limit) return readable;
  const suffix = options.suffix ?? '';
  if (!readable.endsWith(suffix)) throw new Error(`"${readable}" does not end with "${suffix}"`);
  const room = limit - suffix.length - FIT_HASH_LENGTH - 1;
  if (room < 1) throw new Error(`"${readable}" cannot be shortened to ${limit} characters while keeping "${suffix}"`);
  const hash = createHash('sha256').update(readable, 'utf8').digest('hex').slice(0, FIT_HASH_LENGTH);
  const start = readable.slice(0, readable.length - suffix.length).slice(0, room).replace(/[-.]+$/, '');
  return `${start}-${hash}${suffix}`;
}
