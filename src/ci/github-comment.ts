/**
 * One pull-request comment per env, updated in place: found by the hidden marker plan.md starts
 * with, created the first time, edited every time after. Through the GitHub REST API.
 */

/** GitHub refuses comment bodies over this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface CommentTarget {
  /** `https://api.github.com`, or a GitHub Enterprise / test server. */
  readonly apiUrl: string;
  readonly token: string;
  /** `owner/name` */
  readonly repo: string;
  readonly pr: number;
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

async function call(target: CommentTarget, method: string, url: string, body?: object): Promise<Response> {
  const response = await (target.fetch ?? fetch)(url, {
    method,
    headers: {
      Accept: 'application/vnd.github+json',
      Authorization: `Bearer ${target.token}`,
      'X-GitHub-Api-Version': '2022-11-28',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) {
    const hint = response.status === 401 || response.status === 403 ? ' (check GITHUB_TOKEN and the job`s pull-requests: write permission)' : '';
    throw new Error(`GitHub ${method} ${new URL(url).pathname} answered ${response.status}${hint}`);
  }
  return response;
}

/** Creates or updates the comment holding `marker`; every page of comments is searched. */
export async function upsertComment(target: CommentTarget, marker: string, fullBody: string): Promise<CommentResult> {
  const { body, cut } = fitComment(fullBody);
  const base = target.apiUrl.replace(/\/+$/, '');
  let url: string | undefined = `${base}/repos/${target.repo}/issues/${target.pr}/comments?per_page=100`;
  while (url) {
    const response = await call(target, 'GET', url);
    const comments = (await response.json()) as { id: number; body?: string }[];
    const mine = comments.find((c) => c.body?.includes(marker));
    if (mine) {
      const updated = (await (await call(target, 'PATCH', `${base}/repos/${target.repo}/issues/comments/${mine.id}`, { body })).json()) as { id: number; html_url?: string };
      return { action: 'updated', id: updated.id, url: updated.html_url, cut };
    }
    const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '');
    url = next?.[1];
  }
  const created = (await (await call(target, 'POST', `${base}/repos/${target.repo}/issues/${target.pr}/comments`, { body })).json()) as { id: number; html_url?: string };
  return { action: 'created', id: created.id, url: created.html_url, cut };
}
