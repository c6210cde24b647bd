/**
 * One merge-request note per marker, updated in place, through GitLab's REST API (v4): found by the
 * hidden marker the body starts with, created the first time, edited every time after. The token is
 * a project or personal access token with `api` scope (a job token cannot write notes).
 */
import { UserError } from '../errors/user-error';
import { BoundedResponse, fetchBounded, jsonOf } from '../net/bounded-fetch';
import { NetworkError } from '../net/network-error';
import { PageGuard } from '../net/page-guard';

export interface NoteTarget {
  /** `$CI_API_V4_URL`, e.g. `https://gitlab.com/api/v4`. */
  readonly apiUrl: string;
  readonly token: string;
  /** `$CI_PROJECT_ID` (a number or the URL-encoded path). */
  readonly project: string;
  /** `$CI_MERGE_REQUEST_IID` */
  readonly mergeRequest: number;
  /** Per request. @default 15000 */
  readonly timeoutMs?: number;
  /** @default 500 */
  readonly maxPages?: number;
  readonly fetch?: typeof fetch;
}

export interface NoteResult {
  readonly action: 'created' | 'updated';
  readonly id: number;
}

async function call(target: NoteTarget, method: string, url: URL, body?: object): Promise<BoundedResponse> {
  const response = await fetchBounded(
    url,
    { method, headers: { 'PRIVATE-TOKEN': target.token, ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined },
    { label: url.host, timeoutMs: target.timeoutMs, fetch: target.fetch },
  );
  if (response.ok) return response;
  const hint = response.status === 401 || response.status === 403 ? 'GITLAB_TOKEN must be a project or personal access token with the api scope (a job token cannot write notes)' : undefined;
  throw new UserError(`GitLab ${method} ${url.host}${url.pathname} answered ${response.status}`, hint);
}

/** Creates or updates the merge-request note holding `marker`; every page of notes is searched. */
export async function upsertNote(target: NoteTarget, marker: string, body: string): Promise<NoteResult> {
  try {
    const base = `${target.apiUrl.replace(/\/+$/, '')}/projects/${encodeURIComponent(target.project)}/merge_requests/${target.mergeRequest}/notes`;
    const first = new URL(`${base}?per_page=100&sort=asc`);
    const guard = new PageGuard({ label: first.host, what: 'note list', maxPages: target.maxPages });
    for (let url: URL | undefined = first; url; ) {
      guard.visit(url.href);
      const response = await call(target, 'GET', url);
      const notes = jsonOf<{ id: number; body?: string }[]>(response, first.host);
      const mine = Array.isArray(notes) ? notes.find((n) => n.body?.includes(marker)) : undefined;
      if (mine) {
        const updated = jsonOf<{ id: number }>(await call(target, 'PUT', new URL(`${base}/${mine.id}`), { body }), first.host);
        return { action: 'updated', id: updated.id };
      }
      url = guard.nextLink(response.headers.get('link'), response.url, first);
    }
    const created = jsonOf<{ id: number }>(await call(target, 'POST', new URL(base), { body }), first.host);
    return { action: 'created', id: created.id };
  } catch (error) {
    throw error instanceof NetworkError ? new UserError(error.message) : error;
  }
}
