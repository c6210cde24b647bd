/**
 * Tags of a repository from any OCI distribution registry (`GET /v2/<name>/tags/list`), following
 * `Link` pagination and the bearer-token dance a registry asks for in `WWW-Authenticate` (Docker
 * Hub, GHCR: anonymous tokens for public repositories). Plain HTTP only for loopback hosts or
 * registries marked insecure. Every request is bounded (time, bytes, pages); a token and the tags
 * come only from the repository's own host: a next page or redirect elsewhere is refused.
 */
import { BoundedFetchOptions, BoundedResponse, fetchBounded, jsonOf } from '../../net/bounded-fetch';
import { PageGuard } from '../../net/page-guard';
import { RegistryError, TagSource } from './tag-source';

export interface OciRegistryOptions {
  /** Registry hosts (`host:port`) that may be reached over plain HTTP besides loopback. */
  readonly insecureRegistries?: readonly string[];
  /** Page size asked of the registry. @default 1000 */
  readonly pageSize?: number;
  /**
   * Per request, from sending it to the last byte of the answer; below the resolver's per-attempt
   * deadline, so a silent registry is named in the message. @default 10000
   */
  readonly requestTimeoutMs?: number;
  /** Pages of one tag listing before giving up (a `Link` chain that never ends). @default 500 */
  readonly maxPages?: number;
  /** Largest answer read, in bytes. @default 32 MiB */
  readonly maxBodyBytes?: number;
  /** fetch to use (tests). @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/** `ghcr.io/org/app` → host `ghcr.io`, name `org/app`; Docker Hub short names get their real host. */
export function splitRepository(repository: string): { host: string; name: string } {
  const slash = repository.indexOf('/');
  const first = slash < 0 ? '' : repository.slice(0, slash);
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    const host = first === 'docker.io' ? 'registry-1.docker.io' : first;
    const name = repository.slice(slash + 1);
    return { host, name: host === 'registry-1.docker.io' && !name.includes('/') ? `library/${name}` : name };
  }
  return { host: 'registry-1.docker.io', name: repository.includes('/') ? repository : `library/${repository}` };
}

/** Parses `Bearer realm="…",service="…",scope="…"`. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const params: Record<string, string> = {};
  for (const match of header.slice(space + 1).matchAll(/([a-zA-Z_]+)="([^"]*)"/g)) params[match[1].toLowerCase()] = match[2];
  return { scheme, params };
}

export class OciRegistrySource implements TagSource {
  readonly kind = 'oci';
  /** Bearer tokens by `<origin>/<name>`: the registry whose challenge produced one is the only host it goes to. */
  private readonly tokens = new Map<string, string>();

  constructor(private readonly options: OciRegistryOptions = {}) {}

  async listTags(repository: string, signal: AbortSignal, keep?: (tag: string) => boolean): Promise<string[]> {
    const { host, name } = splitRepository(repository);
    const plain = LOOPBACK.test(host) || (this.options.insecureRegistries ?? []).includes(host);
    const first = new URL(`${plain ? 'http' : 'https'}://${host}/v2/${name}/tags/list?n=${this.options.pageSize ?? 1000}`);
    const label = `registry ${host}`;
    const guard = new PageGuard({ label, what: 'tag list', maxPages: this.options.maxPages });
    const tags: string[] = [];
    for (let url: URL | undefined = first; url; ) {
      guard.visit(url.href);
      const response = await this.get(url, name, label, signal);
      const page = jsonOf<{ tags?: unknown }>(response, label).tags ?? [];
      if (!Array.isArray(page)) throw new RegistryError(`${label}: the tag list of ${name} is not a list`, true);
      for (const tag of page) if (typeof tag === 'string' && (!keep || keep(tag))) tags.push(tag);
      url = guard.nextLink(response.headers.get('link'), response.url, first);
    }
    return tags;
  }

  private async get(url: URL, name: string, label: string, signal: AbortSignal): Promise<BoundedResponse> {
    const tokenKey = `${url.origin}/${name}`;
    const send = () => {
      const token = this.tokens.get(tokenKey);
      const headers = { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
      return fetchBounded(url, { headers }, this.bounds(label, signal));
    };
    let response = await send();
    if (response.status === 401 && !this.tokens.has(tokenKey)) {
      const challenge = parseChallenge(response.headers.get('www-authenticate') ?? '');
      if (challenge.scheme !== 'bearer' || !challenge.params.realm) {
        throw new RegistryError(`${label} wants ${challenge.scheme || 'unknown'} credentials for ${name}; only anonymous and bearer-token access are supported`, true);
      }
      this.tokens.set(tokenKey, await this.fetchToken(challenge.params, name, signal));
      response = await send();
    }
    if (response.status === 404) throw new RegistryError(`repository ${url.host}/${name} not found (404)`, true);
    if (response.status === 401 || response.status === 403) throw new RegistryError(`${label} refused access to ${name} (${response.status})`, true);
    if (!response.ok) throw new RegistryError(`${label} answered ${response.status} for ${url.pathname}`, response.status < 500 && response.status !== 429);
    return response;
  }

  private async fetchToken(params: Record<string, string>, name: string, signal: AbortSignal): Promise<string> {
    const realm = new URL(params.realm);
    if (params.service) realm.searchParams.set('service', params.service);
    realm.searchParams.set('scope', params.scope ?? `repository:${name}:pull`);
    const label = `token service ${realm.host}`;
    const response = await fetchBounded(realm, { headers: { Accept: 'application/json' } }, this.bounds(label, signal));
    if (!response.ok) throw new RegistryError(`token request to ${realm.host} failed (${response.status})`, response.status < 500);
    const body = jsonOf<{ token?: string; access_token?: string }>(response, label);
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token response from ${realm.host} has no token`, true);
    return token;
  }

  private bounds(label: string, signal: AbortSignal): BoundedFetchOptions {
    const { requestTimeoutMs, maxBodyBytes, fetch } = this.options;
    return { label, signal, timeoutMs: requestTimeoutMs ?? 10_000, maxBodyBytes, fetch };
  }
}
