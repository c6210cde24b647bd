/**
 * The smoke test: a GET of each public URL of an env until it answers 2xx or 3xx, with exponential
 * backoff between tries, a timeout per try and a deadline for all of them. TLS is always verified
 * (there is no option to turn it off): a certificate error fails at once, since retrying does not fix
 * it. Redirects count as success and are not followed (the shared ALB answers HTTP with one).
 */
import * as http from 'node:http';
import * as https from 'node:https';

export interface ProbeOptions {
  /** No try of a URL starts later than this after its first. @default 300000 */
  readonly deadlineMs?: number;
  /** One try: from connecting to the answer's status line. @default 10000 */
  readonly requestTimeoutMs?: number;
  /** Wait after the first failed try; doubled after each. @default 1000 */
  readonly initialDelayMs?: number;
  /** Longest wait between tries. @default 15000 */
  readonly maxDelayMs?: number;
  /** Called after every failed try that will be retried. */
  readonly onRetry?: (url: string, attempt: number, problem: string, delayMs: number) => void;
}

export interface ProbeResult {
  readonly url: string;
  readonly ok: boolean;
  /** Status code of the last answer, if any. */
  readonly status?: number;
  readonly attempts: number;
  readonly elapsedMs: number;
  /** Why the last try failed: `503 Service Unavailable`, `TLS: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT)`, … */
  readonly problem?: string;
  /** The last try failed on the certificate or the TLS handshake. */
  readonly tlsError: boolean;
}

interface TryResult {
  readonly status?: number;
  readonly problem?: string;
  readonly tlsError: boolean;
}

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^ERR_TLS|^ERR_SSL|EPROTO/;

/** One GET: resolves with the status, or the problem; never throws. */
export function tryOnce(url: URL, timeoutMs: number): Promise<TryResult> {
  return new Promise((resolve) => {
    const client = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : undefined;
    if (!client) {
      resolve({ problem: `unsupported protocol ${url.protocol}`, tlsError: false });
      return;
    }
    let settled = false;
    const settle = (result: TryResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    // rejectUnauthorized is left at its default (true): certificates are verified against the system's CAs.
    const request = client.request(url, { method: 'GET', headers: { 'user-agent': 'branchenv-smoke', accept: '*/*' }, agent: false }, (response) => {
      const status = response.statusCode ?? 0;
      response.resume();
      settle({ status, problem: status >= 200 && status < 400 ? undefined : `${status} ${response.statusMessage ?? ''}`.trim(), tlsError: false });
    });
    const timer = setTimeout(() => settle({ problem: `no answer within ${timeoutMs / 1000} s`, tlsError: false }), timeoutMs);
    request.on('error', (error: Error & { code?: string }) => {
      const code = error.code ?? '';
      const tls = TLS_CODE.test(code);
      settle({ problem: `${tls ? 'TLS: ' : ''}${error.message}${code && !error.message.includes(code) ? ` (${code})` : ''}`, tlsError: tls });
    });
    request.end();
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Probes one URL until success, a TLS error, or the deadline. */
export async function probeUrl(url: string, options: ProbeOptions = {}): Promise<ProbeResult> {
  const deadlineMs = options.deadlineMs ?? 300_000;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxDelay = options.maxDelayMs ?? 15_000;
  const start = Date.now();
  let delay = options.initialDelayMs ?? 1000;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, ok: false, attempts: 0, elapsedMs: 0, problem: 'not a URL', tlsError: false };
  }
  // The deadline bounds when tries start; each try has its whole timeout, so the last ends by deadline + timeout.
  for (let attempt = 1; ; attempt++) {
    const result = await tryOnce(parsed, timeoutMs);
    const elapsedMs = Date.now() - start;
    const ok = result.problem === undefined;
    if (ok || result.tlsError) return { url, ok, status: result.status, attempts: attempt, elapsedMs, problem: result.problem, tlsError: result.tlsError };
    const remaining = start + deadlineMs - Date.now();
    if (remaining <= 0) {
      return { url, ok: false, status: result.status, attempts: attempt, elapsedMs, problem: `${result.problem}; still failing after ${attempt} tries in ${Math.round(elapsedMs / 1000)} s`, tlsError: false };
    }
    const wait = Math.min(delay, maxDelay, remaining);
    options.onRetry?.(url, attempt, result.problem as string, wait);
    await sleep(wait);
    delay *= 2;
  }
}

/** Probes every URL concurrently. */
export function probeUrls(urls: readonly string[], options: ProbeOptions = {}): Promise<ProbeResult[]> {
  return Promise.all(urls.map((u) => probeUrl(u, options)));
}

/** One line per URL: `ok   https://… 200 (3 tries, 4 s)` / `FAIL https://… 503 Service Unavailable; …`. */
export function renderProbes(results: readonly ProbeResult[]): string {
  return results
    .map((r) => (r.ok ? `ok   ${r.url} ${r.status} (${r.attempts} ${r.attempts === 1 ? 'try' : 'tries'}, ${Math.round(r.elapsedMs / 1000)} s)` : `FAIL ${r.url}: ${r.problem}`))
    .map((l) => `${l}\n`)
    .join('');
}
