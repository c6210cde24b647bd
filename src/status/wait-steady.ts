/**
 * Polls an env's status until every service is steady, one of them failed (a rollback), or the
 * deadline passes. Clock and sleep are given, so tests run it without waiting.
 */
import { UserError } from '../errors/user-error';
import type { EnvStatus } from './env-status';

/** Read errors in a row (not UserErrors) after which the wait fails with the last one. */
export const MAX_READ_ERRORS = 3;

export type WaitOutcome = 'steady' | 'failed' | 'deadline';

export interface WaitOptions {
  /** From the first read. */
  readonly timeoutMs: number;
  /** Between reads. @default 10000 */
  readonly intervalMs?: number;
  /** Called after every read (one progress line on stderr). */
  readonly onPoll?: (status: EnvStatus, elapsedMs: number) => void;
  /** Called after a read that threw (not a UserError) and counts as one failed poll. */
  readonly onReadError?: (error: Error, inARow: number, elapsedMs: number) => void;
  /** @default Date.now */
  readonly now?: () => number;
  /** @default a timer */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface WaitResult {
  readonly outcome: WaitOutcome;
  /** The last status read. */
  readonly status: EnvStatus;
  readonly polls: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitUntilSteady(read: () => Promise<EnvStatus>, options: WaitOptions): Promise<WaitResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const interval = options.intervalMs ?? 10_000;
  const start = now();
  const deadline = start + options.timeoutMs;
  let last: EnvStatus | undefined;
  let errors = 0;
  for (let polls = 1; ; polls++) {
    let status: EnvStatus;
    try {
      status = await read();
      errors = 0;
    } catch (error) {
      // A throttle or network blip is one failed poll; a UserError (no cluster, …) or a run of them ends the wait.
      if (error instanceof UserError || ++errors >= MAX_READ_ERRORS) throw error;
      options.onReadError?.(error as Error, errors, now() - start);
      const left = deadline - now();
      if (left <= 0) {
        if (last) return { outcome: 'deadline', status: last, polls };
        throw error;
      }
      await sleep(Math.min(interval, left));
      continue;
    }
    last = status;
    options.onPoll?.(status, now() - start);
    if (status.verdict === 'steady' || status.verdict === 'failed') return { outcome: status.verdict, status, polls };
    const left = deadline - now();
    if (left <= 0) return { outcome: 'deadline', status, polls };
    await sleep(Math.min(interval, left));
  }
}
