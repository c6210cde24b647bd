/**
 * Tags of a repository from any OCI distribution registry (`GET /v2/<name>/tags/list`), following
 * `Link` pagination and the bearer-token dance a registry asks for in `WWW-Authenticate` (Docker
 * Hub, GHCR: anonymous tokens for public repositories). Plain HTTP only for loopback hosts or
 * registries marked insecure.
 */
import { RegistryError, TagSource } from './tag-source';

export interface OciRegistryOptions {
  /** Registry hosts (`host:port`) that may be reached over plain HTTP besides loopback. */
  readonly insecureRegistries?: readonly string[];
  /** Page size asked of the registry. @default 1000 */
  readonly pageSize?: number;
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

/** The URL of the next page from a `Link: <…>; rel="next"` header, resolved against the current URL. */
export function nextLink(header: string | null, current: URL): URL | undefined {
  if (!header) return undefined;
  const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(header);
  return match ? new URL(match[1], current) : undefined;
}

export class OciRegistrySource implements TagSource {
  readonly kind = 'oci';
  private readonly tokens = new Map<string, string>();

  constructor(private readonly options: OciRegistryOptions = {}) {}

  async listTags(repository: string, signal: AbortSignal): Promise<string[]> {
    const { host, name } = splitRepository(repository);
    const plain = LOOPBACK.test(host) || (this.options.insecureRegistries ?? []).includes(host);
    let url: URL | undefined = new URL(`${plain ? 'http' : 'https'}://${host}/v2/${name}/tags/list?n=${this.options.pageSize ?? 1000}`);
    const tags: string[] = [];
    while (url) {
      const response = await this.get(url, host, name, signal);
      const body = (await response.json()) as { tags?: string[] | null };
      tags.push(...(body.tags ?? []));
      url = nextLink(response.headers.get('link'), url);
    }
    return tags;
  }

  private async get(url: URL, host: string, name: string, signal: AbortSignal): Promise<Response> {
    const doFetch = this.options.fetch ?? fetch;
    const tokenKey = `${host}/${name}`;
    const headers = (): Record<string, string> => {
      const token = this.tokens.get(tokenKey);
      return { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
    };
    let response = await doFetch(url, { headers: headers(), signal });
    if (response.status === 401 && !this.tokens.has(tokenKey)) {
      const challenge = parseChallenge(response.headers.get('www-authenticate') ?? '');
      if (challenge.scheme !== 'bearer' || !challenge.params.realm) {
        throw new RegistryError(`${host} wants ${challenge.scheme || 'unknown'} credentials for ${name}; only anonymous and bearer-token access are supported`, true);
      }
      this.tokens.set(tokenKey, await this.fetchToken(challenge.params, name, signal));
      response = await doFetch(url, { headers: headers(), signal });
    }
    if (response.status === 404) throw new RegistryError(`repository ${host}/${name} not found (404)`, true);
    if (response.status === 401 || response.status === 403) throw new RegistryError(`${host} refused access to ${name} (${response.status})`, true);
    if (!response.ok) throw new RegistryError(`${host} answered ${response.status} for ${url.pathname}`, response.status < 500 && response.status !== 429);
    return response;
  }

  private async fetchToken(params: Record<string, string>, name: string, signal: AbortSignal): Promise<string> {
    const realm = new URL(params.realm);
    if (params.service) realm.searchParams.set('service', params.service);
    realm.searchParams.set('scope', params.scope ?? `repository:${name}:pull`);
    const response = await (this.options.fetch ?? fetch)(realm, { signal });
    if (!response.ok) throw new RegistryError(`token request to ${realm.host} failed (${response.status})`, response.status < 500);
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(`token response from ${realm.host} has no token`, true);
    return token;
  }
}
