import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { OciRegistrySource, parseChallenge, splitRepository } from '../../src/images/sources/oci-registry';
import { nextLink } from '../../src/net/page-guard';

/** A registry that, like Docker Hub and GHCR, wants an anonymous bearer token from its realm. */
function tokenRegistry(): Promise<{ host: string; requests: string[]; close: () => void }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`.trim());
    const host = req.headers.host;
    if (req.url?.startsWith('/token')) {
      const url = new URL(req.url, `http://${host}`);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ token: `t:${url.searchParams.get('scope')}` }));
      return;
    }
    if (req.headers.authorization !== 'Bearer t:repository:org/app:pull') {
      res.statusCode = 401;
      res.setHeader('www-authenticate', `Bearer realm="http://${host}/token",service="test-registry",scope="repository:org/app:pull"`);
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ name: 'org/app', tags: ['develop-1-aaaaaaa'] }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ host: `127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => server.close() }),
    ),
  );
}

describe('OCI registry access', () => {
  it('fetches an anonymous bearer token from the realm the registry names, then lists tags with it', async () => {
    const registry = await tokenRegistry();
    try {
      const tags = await new OciRegistrySource().listTags(`${registry.host}/org/app`, AbortSignal.timeout(5000));
      expect(tags).toEqual(['develop-1-aaaaaaa']);
      expect(registry.requests).toEqual([
        'GET /v2/org/app/tags/list?n=1000',
        'GET /token?service=test-registry&scope=repository%3Aorg%2Fapp%3Apull',
        'GET /v2/org/app/tags/list?n=1000 Bearer t:repository:org/app:pull',
      ]);
    } finally {
      registry.close();
    }
  });

  it('uses HTTPS for every registry but loopback and those marked insecure', async () => {
    const seen: string[] = [];
    const fakeFetch = (async (url: URL) => {
      seen.push(url.protocol);
      return new Response(JSON.stringify({ tags: [] }), { status: 200 });
    }) as unknown as typeof fetch;
    await new OciRegistrySource({ fetch: fakeFetch }).listTags('ghcr.io/org/app', AbortSignal.timeout(1000));
    await new OciRegistrySource({ fetch: fakeFetch }).listTags('mirror.internal:5000/org/app', AbortSignal.timeout(1000));
    await new OciRegistrySource({ fetch: fakeFetch, insecureRegistries: ['mirror.internal:5000'] }).listTags('mirror.internal:5000/org/app', AbortSignal.timeout(1000));
    expect(seen).toEqual(['https:', 'https:', 'http:']);
  });

  it('finds Docker Hub`s real host and library namespace', () => {
    expect(splitRepository('nginx')).toEqual({ host: 'registry-1.docker.io', name: 'library/nginx' });
    expect(splitRepository('docker.io/org/app')).toEqual({ host: 'registry-1.docker.io', name: 'org/app' });
    expect(splitRepository('ghcr.io/org/app')).toEqual({ host: 'ghcr.io', name: 'org/app' });
  });

  it('parses challenges and next-page links', () => {
    expect(parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io' },
    });
    const current = new URL('https://ghcr.io/v2/org/app/tags/list?n=2');
    expect(nextLink('</v2/org/app/tags/list?last=b&n=2>; rel="next"', current)?.href).toBe('https://ghcr.io/v2/org/app/tags/list?last=b&n=2');
    expect(nextLink(null, current)).toBeUndefined();
  });
});
