import { ServiceSetDefinition } from '../../src/definitions/service-set';
import { resolveImages } from '../../src/images/resolve-images';
import { OciRegistrySource } from '../../src/images/sources/oci-registry';
import { sendJson, silentServer, stubServer } from '../helpers/http-stub';

// Every registry call is bounded: time per request, pages per listing, bytes per answer.
const TAGS = '/v2/org/app/tags/list';
const deadline = () => AbortSignal.timeout(20000);

describe('OCI registry bounds', () => {
  it('names the registry that accepts the connection and never answers', async () => {
    const silent = await silentServer();
    try {
      const listing = new OciRegistrySource({ requestTimeoutMs: 300 }).listTags(`${silent.host}/org/app`, deadline());
      await expect(listing).rejects.toThrow(new RegExp(`^registry ${silent.host} did not answer within 0.3 s$`));
    } finally {
      await silent.close();
    }
  });

  it('names the registry that sends headers and then stalls in the body', async () => {
    const stalling = await stubServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"tags":["develop-1-aaaaaaa",');
    });
    try {
      const listing = new OciRegistrySource({ requestTimeoutMs: 300 }).listTags(`${stalling.host}/org/app`, deadline());
      await expect(listing).rejects.toThrow(`registry ${stalling.host} did not answer within 0.3 s`);
    } finally {
      await stalling.close();
    }
  });

  it('stops a Link that loops back to a page already seen', async () => {
    const looping = await stubServer((req, res) => {
      const page = new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1';
      sendJson(res, { tags: [`develop-${page}-aaaaaaa`] }, { link: `<${TAGS}?page=${page === '1' ? 2 : 1}>; rel="next"` });
    });
    try {
      const listing = new OciRegistrySource().listTags(`${looping.host}/org/app`, deadline());
      await expect(listing).rejects.toThrow(`registry ${looping.host}: tag list paging looped back to a page already seen`);
      expect(looping.requests).toHaveLength(3);
    } finally {
      await looping.close();
    }
  });

  it('stops a Link chain that never ends, and the resolver does not retry it', async () => {
    const endless = await stubServer((req, res) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? 1);
      sendJson(res, { tags: [] }, { link: `<${TAGS}?page=${page + 1}>; rel="next"` });
    });
    try {
      const source = new OciRegistrySource({ maxPages: 20 });
      await expect(source.listTags(`${endless.host}/org/app`, deadline())).rejects.toThrow(
        `registry ${endless.host}: tag list paging did not end after 20 pages`,
      );
      expect(endless.requests).toHaveLength(20);
      endless.requests.length = 0;
      const set: ServiceSetDefinition = {
        name: 'demo',
        tier: 'stage',
        services: [{ name: 'app', image: { repository: 'org/app' }, port: 8080, cpu: 256, memory: 512, healthCheck: { path: '/' } }],
      };
      const resolving = resolveImages({ set, registry: endless.host, branch: 'develop', sources: { oci: source } });
      await expect(resolving).rejects.toThrow(/did not end after 20 pages/);
      expect(endless.requests).toHaveLength(20);
    } finally {
      await endless.close();
    }
  });

  it('refuses an answer larger than the limit', async () => {
    const huge = await stubServer((_req, res) => sendJson(res, { tags: Array.from({ length: 1000 }, (_, i) => `develop-${i}-aaaaaaa`) }));
    try {
      const listing = new OciRegistrySource({ maxBodyBytes: 4096 }).listTags(`${huge.host}/org/app`, deadline());
      await expect(listing).rejects.toThrow(`registry ${huge.host}: answer larger than 4 KiB`);
    } finally {
      await huge.close();
    }
  });

  it('keeps only the tags asked for from 100,000, and the resolver finds the newest among them', async () => {
    const sha = (i: number) => (0x1000000 + i).toString(16).slice(-7);
    const tags = Array.from({ length: 100_000 }, (_, i) => (i % 10_000 === 7 ? `develop-${i}-${sha(i)}` : `branch-${i % 997}-${i}-${sha(i)}`));
    const registry = await stubServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const n = Number(url.searchParams.get('n'));
      const start = Number(url.searchParams.get('start') ?? 0);
      const more = start + n < tags.length;
      sendJson(res, { name: 'org/app', tags: tags.slice(start, start + n) }, more ? { link: `<${TAGS}?n=${n}&start=${start + n}>; rel="next"` } : {});
    });
    try {
      const kept = await new OciRegistrySource().listTags(`${registry.host}/org/app`, deadline(), (tag) => tag.startsWith('develop-'));
      expect(kept).toHaveLength(10);
      expect(registry.requests).toHaveLength(100);
      const set: ServiceSetDefinition = {
        name: 'demo',
        tier: 'stage',
        services: [{ name: 'app', image: { repository: 'org/app' }, port: 8080, cpu: 256, memory: 512, healthCheck: { path: '/' } }],
      };
      const [app] = await resolveImages({ set, registry: registry.host, branch: 'feature/none', sources: { oci: new OciRegistrySource() } });
      expect([app.tag, app.source]).toEqual([`develop-90007-${sha(90007)}`, 'fallback']);
    } finally {
      await registry.close();
    }
  });
});
