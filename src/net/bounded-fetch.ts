/**
 * fetch with bounds, for every HTTP client of the tool (image registries, the GitHub API): one
 * timeout from sending the request to the last byte of the answer, a cap on the answer's size, and
 * redirects followed by hand and only on the same host, so an Authorization header never leaves it.
 */
import { formatBytes, formatSeconds, NetworkError, otherHost } from './network-error';

export interface BoundedFetchOptions {
  /** Names the host in messages: `registry ghcr.io`, `api.github.com`. @default the URL's host */
  readonly label?: string;
  /** From sending the request to the last byte of the answer, redirects included. @default 15000 */
  readonly timeoutMs?: number;
  /** Largest answer body read, in bytes; a larger one is an error. @default 32 MiB */
  readonly maxBodyBytes?: number;
  /** Redirects followed on the same host; one to another host is refused. @default 5 */
  readonly maxRedirects?: number;
  /** The caller's own cancellation or deadline; when it fires, its reason is thrown as it is. */
  readonly signal?: AbortSignal;
  /** fetch to use (tests). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

export interface BoundedRequest {
  /** @default 'GET' */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** An answer read to its end. */
export interface BoundedResponse {
  /** Where the answer came from, after redirects. */
  readonly url: URL;
  readonly status: number;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly body: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Sends one request and reads its whole answer within the bounds; failures are NetworkErrors naming the host. */
export async function fetchBounded(url: URL, request: BoundedRequest, options: BoundedFetchOptions = {}): Promise<BoundedResponse> {
  const label = options.label ?? url.host;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  try {
    return await fetchFollowing(url, request, signal, label, options);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) throw new NetworkError(`${label} did not answer within ${formatSeconds(timeoutMs)}`, false);
    if (error instanceof NetworkError) throw error;
    throw new NetworkError(`${label}: ${failureOf(error)}`, false);
  }
}

/** The body parsed as JSON, or a NetworkError naming the host. */
export function jsonOf<T>(response: BoundedResponse, label: string): T {
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new NetworkError(`${label}: the answer to ${response.url.pathname} is not JSON`, true);
  }
}

async function fetchFollowing(url: URL, request: BoundedRequest, signal: AbortSignal, label: string, options: BoundedFetchOptions): Promise<BoundedResponse> {
  const maxRedirects = options.maxRedirects ?? 5;
  let current = url;
  let method = request.method ?? 'GET';
  let body = request.body;
  for (let redirects = 0; ; redirects++) {
    const response = await (options.fetch ?? fetch)(current, { method, headers: { ...request.headers }, body, signal, redirect: 'manual' });
    const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
    if (!location) {
      const text = await readBody(response, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, label);
      return { url: current, status: response.status, ok: response.ok, headers: response.headers, body: text };
    }
    await response.body?.cancel();
    const target = new URL(location, current);
    if (target.origin !== url.origin) throw new NetworkError(`${label}: redirected to another host (${otherHost(target, url)}); not followed`, true);
    if (redirects >= maxRedirects) throw new NetworkError(`${label}: more than ${maxRedirects} redirects from ${url.pathname}`, true);
    if (response.status === 303) [method, body] = ['GET', undefined];
    current = target;
  }
}

async function readBody(response: Response, maxBytes: number, label: string): Promise<string> {
  const tooLarge = () => new NetworkError(`${label}: answer larger than ${formatBytes(maxBytes)}`, true);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `connection refused (ECONNREFUSED)`-like text for what fetch threw. */
function failureOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `request failed (${cause.code})`;
  return error instanceof Error ? (cause?.message ?? error.message) : String(error);
}
