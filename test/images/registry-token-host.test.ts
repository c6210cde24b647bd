import * as http from 'node:http';
import { OciRegistrySource } from '../../src/images/sources/oci-registry';
import { sendJson, StubServer, stubServer } from '../helpers/http-stub';

// A bearer token goes only to the registry whose challenge produced it; tags of another host are refused.
const TAGS = '/v2/org/app/tags/list';

/** The registry: asks for a token from its own realm, then lets `answer` serve the authorized request. */
function tokenRegistry(answer: (res: http.ServerResponse, req: http.IncomingMessage) => void): Promise<StubServer> {
  return stubServer((req, res, host) => {
    if (req.url?.startsWith('/token')) return sendJson(res, { token: 'secret-token' });
    if (req.headers.authorization !== 'Bearer secret-token') {
      res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="reg",scope="repository:org/app:pull"` });
      return res.end();
    }
    answer(res, req);
  });
}

describe('registry token and tags stay with their host', () => {
  let other: StubServer;
  beforeEach(async () => {
    other = await stubServer((_req, res) => sendJson(res, { tags: ['develop-99-bbbbbbb'] }));
  });
  afterEach(() => other.close());

  it('does not follow a Link next page to another host, nor send it the token', async () => {
    const registry = await tokenRegistry((res) => sendJson(res, { tags: ['develop-1-aaaaaaa'] }, { link: `<http://${other.host}${TAGS}?last=x>; rel="next"` }));
    try {
      const listing = new OciRegistrySource().listTags(`${registry.host}/org/app`, AbortSignal.timeout(10000));
      await expect(listing).rejects.toThrow(`registry ${registry.host}: the tag list's next page is on another host (${other.host}); only pages from ${registry.host} are used`);
      expect(other.requests.filter((r) => r.includes('Bearer'))).toEqual([]);
    } finally {
      await registry.close();
    }
  });

  it('does not follow a redirect to another host, nor send it the token', async () => {
    const registry = await tokenRegistry((res) => {
      res.writeHead(307, { location: `http://${other.host}${TAGS}` });
      res.end();
    });
    try {
      const listing = new OciRegistrySource().listTags(`${registry.host}/org/app`, AbortSignal.timeout(10000));
      await expect(listing).rejects.toThrow(`registry ${registry.host}: redirected to another host (${other.host}); not followed`);
      expect(other.requests).toEqual([]);
    } finally {
      await registry.close();
    }
  });

  it('follows a redirect on the same host, with the token', async () => {
    const registry = await tokenRegistry((res, req) => {
      if (req.url?.startsWith('/moved')) return sendJson(res, { tags: ['develop-3-ccccccc'] });
      res.writeHead(308, { location: '/moved/tags/list' });
      res.end();
    });
    try {
      const tags = await new OciRegistrySource().listTags(`${registry.host}/org/app`, AbortSignal.timeout(10000));
      expect(tags).toEqual(['develop-3-ccccccc']);
      expect(registry.requests.at(-1)).toBe('GET /moved/tags/list Bearer secret-token');
    } finally {
      await registry.close();
    }
  });
});
