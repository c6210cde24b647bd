/**
 * Polls an env's status until every service is steady, one of them failed (a rollback), or the
 * deadline passes. Clock and sleep are given, so tests run it without waiting.
 */
import type { EnvStatus } from './env-status';

export type WaitOutcome = 'steady' | 'failed' | 'deadline';

export interface WaitOptions {
  /** From the first read. */
  readonly timeoutMs: number;
  /** Between reads. @default 10000 */
  readonly intervalMs?: number;
  /** Called after every read (one progress line on stderr). */
  readonly onPoll?: (status: EnvStatus, elapsedMs: number) => void;
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
  for (let polls = 1; ; polls++) {
    const status = await read();
    options.onPoll?.(status, now() - start);
    if (status.verdict === 'steady' || status.verdict === 'failed') return { outcome: status.verdict, status, polls };
    const left = deadline - now();
    if (left <= 0) return { outcome: 'deadline', status, polls };
    await sleep(Math.min(interval, left));
  }
}
