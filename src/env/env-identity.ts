/** Who and what an env is: fixed at synth time by the entry (CLI), read by the branch stack. */
export interface EnvIdentity {
  /** Env name (from the name function). */
  readonly name: string;
  /** The branch it was built from, as given. */
  readonly branch: string;
  /** Commit the env was built from (short or full sha; `unknown` outside git). */
  readonly commit: string;
  /** Person or CI job that ran the command. */
  readonly createdBy: string;
  /** Date after which `reap` may drop the env, `YYYY-MM-DD` (a day, so plans do not churn hourly). */
  readonly expiresOn: string;
}

/** `YYYY-MM-DD` of `now` plus whole days, in UTC. */
export function expiryDate(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** AWS tag values allow letters, digits, spaces and `+ - = . _ : / @`, up to 256 characters. */
export function tagValue(value: string): string {
  const cleaned = value.replace(/[^\p{L}\p{N} +\-=._:/@]/gu, '_').slice(0, 256);
  return cleaned.length > 0 ? cleaned : '_';
}
