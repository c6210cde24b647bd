/**
 * The smoke test: a GET of each public URL of an env until it answers 2xx or 3xx, with exponential
 * backoff between tries, a timeout per try and a deadline for all of them. TLS is always verified
 * (there is no option to turn it off): a certificate error fails at once, since retrying does not fix
 * it. Redirects count as success and are not followed (the shared ALB answers HTTP with one).
 *
 * The probe speaks the protocol of the service behind the URL: HTTP/1.1 for `http`, HTTP/2 for
 * `http2` (probe-http2.ts; the ALB answers HTTP/1.1 to an HTTP2 target group with 464), and none
 * for `grpc`, which the target group's health check covers.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import type { ServiceProtocol } from '../definitions/service-set';
import { tryOnceHttp2 } from './probe-http2';
import { TLS_CODE, TryResult } from './try-result';


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
  /**
   * Extra trusted CA certificates (PEM), for tests and private CAs. Certificates are still
   * verified: this adds roots, it never turns verification off. @default the system's CAs
   */
  readonly ca?: string | Buffer;
}

/** A URL and the protocol of the service behind it. */
export interface ProbeTarget {
  readonly url: string;
  readonly protocol: ServiceProtocol;
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
  /** @default 'http' */
  readonly protocol?: ServiceProtocol;
  /** Why the URL was not probed (grpc), counted as ok. */
  readonly note?: string;
}

/** One GET: resolves with the status, or the problem; never throws. */
export function tryOnce(url: URL, timeoutMs: number, ca?: string | Buffer): Promise<TryResult> {
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
    const request = client.request(url, { method: 'GET', headers: { 'user-agent': 'branchenv-smoke', accept: '*/*' }, agent: false, ...(ca !== undefined ? { ca } : {}) }, (response) => {
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

export const GRPC_NOTE = 'grpc: checked by target health only';

/** Probes one URL until success, a TLS error, or the deadline, over the protocol of its service. */
export async function probeUrl(url: string, options: ProbeOptions = {}, protocol: ServiceProtocol = 'http'): Promise<ProbeResult> {
  if (protocol === 'grpc') return { url, ok: true, attempts: 0, elapsedMs: 0, tlsError: false, protocol, note: GRPC_NOTE };
  const deadlineMs = options.deadlineMs ?? 300_000;
  const timeoutMs = options.requestTimeoutMs ?? 10_000;
  const maxDelay = options.maxDelayMs ?? 15_000;
  const start = Date.now();
  let delay = options.initialDelayMs ?? 1000;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, ok: false, attempts: 0, elapsedMs: 0, problem: 'not a URL', tlsError: false, protocol };
  }
  // The deadline bounds when tries start; each try has its whole timeout, so the last ends by deadline + timeout.
  for (let attempt = 1; ; attempt++) {
    const result = protocol === 'http2' ? await tryOnceHttp2(parsed, timeoutMs, options.ca) : await tryOnce(parsed, timeoutMs, options.ca);
    const elapsedMs = Date.now() - start;
    const ok = result.problem === undefined;
    if (ok || result.tlsError) return { url, ok, status: result.status, attempts: attempt, elapsedMs, problem: result.problem, tlsError: result.tlsError, protocol };
    const remaining = start + deadlineMs - Date.now();
    if (remaining <= 0) {
      return { url, ok: false, status: result.status, attempts: attempt, elapsedMs, problem: `${result.problem}; still failing after ${attempt} tries in ${Math.round(elapsedMs / 1000)} s`, tlsError: false, protocol };
    }
    const wait = Math.min(delay, maxDelay, remaining);
    options.onRetry?.(url, attempt, result.problem as string, wait);
    await sleep(wait);
    delay *= 2;
  }
}

/** Probes every URL concurrently; a plain string is an `http` URL. */
export function probeUrls(urls: readonly (string | ProbeTarget)[], options: ProbeOptions = {}): Promise<ProbeResult[]> {
  return Promise.all(urls.map((u) => (typeof u === 'string' ? probeUrl(u, options) : probeUrl(u.url, options, u.protocol))));
}

/** One line per URL: `ok   https://… 200 (3 tries, 4 s)` / `ok   https://… (grpc: checked by target health only)` / `FAIL https://… 503 Service Unavailable; …`. */
export function renderProbes(results: readonly ProbeResult[]): string {
  return results
    .map((r) => (r.ok && r.note ? `ok   ${r.url} (${r.note})` : r.ok ? `ok   ${r.url} ${r.status}${r.protocol === 'http2' ? ' h2' : ''} (${r.attempts} ${r.attempts === 1 ? 'try' : 'tries'}, ${Math.round(r.elapsedMs / 1000)} s)` : `FAIL ${r.url}: ${r.problem}`))
    .map((l) => `${l}\n`)
    .join('');
}
