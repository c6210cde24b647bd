/**
 * One pull-request comment per env, updated in place: found by the hidden marker plan.md starts
 * with, created the first time, edited every time after. Through the GitHub REST API, every request
 * bounded in time and size, 5xx retried with backoff, a rate limit reported with its reset time.
 */
import { UserError } from '../errors/user-error';
import { BoundedResponse, fetchBounded, jsonOf } from '../net/bounded-fetch';
import { NetworkError } from '../net/network-error';
import { PageGuard } from '../net/page-guard';

/** GitHub refuses comment bodies over this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface CommentTarget {
  /** `https://api.github.com`, or a GitHub Enterprise / test server. */
  readonly apiUrl: string;
  readonly token: string;
  /** `owner/name` */
  readonly repo: string;
  readonly pr: number;
  /** Per request, from sending it to the last byte of the answer. @default 15000 */
  readonly timeoutMs?: number;
  /** Tries per request when GitHub answers 5xx; other answers are never retried. @default 3 */
  readonly attempts?: number;
  /** Wait before the first retry, doubled before each next one. @default 1000 */
  readonly retryDelayMs?: number;
  /** Pages of comments (100 each) searched for the marker before giving up. @default 500 */
  readonly maxPages?: number;
  /** fetch to use (tests). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

export interface CommentResult {
  readonly action: 'created' | 'updated';
  readonly id: number;
  readonly url?: string;
  /** Whether the body had to be cut to fit. */
  readonly cut: boolean;
}

/** The body cut to GitHub's limit, saying so. */
export function fitComment(body: string, limit = GITHUB_COMMENT_LIMIT): { body: string; cut: boolean } {
  if (body.length <= limit) return { body, cut: false };
  const notice = `\n\n… cut ${body.length - limit + 200} characters to fit GitHub's ${limit.toLocaleString('en-US')}-character limit; the whole plan is in the job's plan.md.\n`;
  const kept = body.slice(0, limit - notice.length - 200);
  // Close an open code block and details so the cut comment still renders.
  const fences = (kept.match(/```/g) ?? []).length;
  const closing = (fences % 2 === 1 ? '\n```' : '') + (kept.includes('<details>') && !kept.includes('</details>') ? '\n</details>' : '');
  return { body: kept + closing + notice, cut: true };
}

/** Sends one API request; 5xx answers are retried with backoff, every other failure is a UserError. */
async function call(target: CommentTarget, method: string, url: URL, body?: object): Promise<BoundedResponse> {
  const attempts = target.attempts ?? 3;
  const request = {
    method,
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${target.token}`,
      'X-GitHub-Api-Version': '2022-11-28',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  };
  for (let attempt = 1; ; attempt++) {
    const response = await fetchBounded(url, request, { label: url.host, timeoutMs: target.timeoutMs, fetch: target.fetch });
    if (response.ok) return response;
    const wait = rateLimitWait(response);
    if (wait) throw new UserError(`GitHub API rate limited, retry after ${wait}`, 'the limit is per token: wait, or spread the jobs that use this token');
    // POST is not repeated: GitHub may have made the comment before it failed, and a second POST
    // would leave two; the next run finds the first by its marker and updates it.
    if (response.status >= 500 && attempt < attempts && method !== 'POST') {
      await new Promise((resolve) => setTimeout(resolve, (target.retryDelayMs ?? 1000) * 2 ** (attempt - 1)));
      continue;
    }
    const tries = response.status >= 500 && attempt > 1 ? ` after ${attempt} attempts` : '';
    const hint = response.status === 401 || response.status === 403 ? 'check GITHUB_TOKEN and the job`s pull-requests: write permission' : undefined;
    throw new UserError(`GitHub ${method} ${url.host}${url.pathname} answered ${response.status}${tries}`, hint);
  }
}

/** When a rate-limited answer says to come back (`120 s`, `2030-01-01 00:00 UTC (in 5 min)`); undefined if not rate limited. */
export function rateLimitWait(response: { readonly status: number; readonly headers: Headers }, now = Date.now()): string | undefined {
  const retryAfter = response.headers.get('retry-after');
  const exhausted = response.headers.get('x-ratelimit-remaining') === '0';
  if (response.status !== 429 && !(response.status === 403 && (exhausted || retryAfter))) return undefined;
  if (retryAfter && /^\d+$/.test(retryAfter)) return `${retryAfter} s`;
  const reset = Number(response.headers.get('x-ratelimit-reset'));
  if (!(reset > 0)) return 'a while';
  const minutes = Math.max(1, Math.ceil((reset * 1000 - now) / 60_000));
  return `${new Date(reset * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC (in ${minutes} min)`;
}

/** Creates or updates the comment holding `marker`; every page of comments is searched. */
export async function upsertComment(target: CommentTarget, marker: string, fullBody: string): Promise<CommentResult> {
  try {
    return await upsert(target, marker, fullBody);
  } catch (error) {
    throw error instanceof NetworkError ? new UserError(error.message) : error;
  }
}

async function upsert(target: CommentTarget, marker: string, fullBody: string): Promise<CommentResult> {
  const { body, cut } = fitComment(fullBody);
  const base = target.apiUrl.replace(/\/+$/, '');
  const first = new URL(`${base}/repos/${target.repo}/issues/${target.pr}/comments?per_page=100`);
  const label = first.host;
  const guard = new PageGuard({ label, what: 'comment list', maxPages: target.maxPages });
  for (let url: URL | undefined = first; url; ) {
    guard.visit(url.href);
    const response = await call(target, 'GET', url);
    const comments = jsonOf<{ id: number; body?: string }[]>(response, label);
    const mine = Array.isArray(comments) ? comments.find((c) => c.body?.includes(marker)) : undefined;
    if (mine) {
      const patched = await call(target, 'PATCH', new URL(`${base}/repos/${target.repo}/issues/comments/${mine.id}`), { body });
      const updated = jsonOf<{ id: number; html_url?: string }>(patched, label);
      return { action: 'updated', id: updated.id, url: updated.html_url, cut };
    }
    url = guard.nextLink(response.headers.get('link'), response.url, first);
  }
  const posted = await call(target, 'POST', new URL(`${base}/repos/${target.repo}/issues/${target.pr}/comments`), { body });
  const created = jsonOf<{ id: number; html_url?: string }>(posted, label);
  return { action: 'created', id: created.id, url: created.html_url, cut };
}
