/**
 * Bounds on a paged listing (registry tags, GitHub comments, ECR pages): never the same page twice,
 * at most `maxPages` pages, and every next page on the first page's host, whose data and token it is.
 */
import { NetworkError, otherHost } from './network-error';

export interface PageGuardOptions {
  /** Names the host in messages: `registry ghcr.io`. */
  readonly label: string;
  /** What is paged, for messages: `tag list`. */
  readonly what: string;
  /** Pages of one listing before giving up. @default 500 */
  readonly maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 500;

export class PageGuard {
  private readonly seen = new Set<string>();

  constructor(private readonly options: PageGuardOptions) {}

  /** Call before fetching each page, with its key (URL or page token). */
  visit(key: string): void {
    const { label, what } = this.options;
    const maxPages = this.options.maxPages ?? DEFAULT_MAX_PAGES;
    if (this.seen.has(key)) throw new NetworkError(`${label}: ${what} paging looped back to a page already seen`, true);
    if (this.seen.size >= maxPages) throw new NetworkError(`${label}: ${what} paging did not end after ${maxPages} pages`, true);
    this.seen.add(key);
  }

  /** The next page a `Link: <…>; rel="next"` header names, resolved against `current`; undefined at the end. */
  nextLink(header: string | null, current: URL, home: URL): URL | undefined {
    const next = nextLink(header, current);
    if (next && next.origin !== home.origin) {
      throw new NetworkError(
        `${this.options.label}: the ${this.options.what}'s next page is on another host (${otherHost(next, home)}); only pages from ${home.host} are used`,
        true,
      );
    }
    return next;
  }
}

/** The URL of the next page from a `Link: <…>; rel="next"` header, resolved against the current URL. */
export function nextLink(header: string | null, current: URL): URL | undefined {
  if (!header) return undefined;
  const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(header);
  return match ? new URL(match[1], current) : undefined;
}
