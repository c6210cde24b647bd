import { ServiceSetDefinition } from '../../src/definitions/service-set';
import { OciRegistrySource } from '../../src/images/sources/oci-registry';
import { resolveImages } from '../../src/images/resolve-images';
import { UserError } from '../../src/errors/user-error';
import { startRegistry, TestRegistry } from '../helpers/docker-registry';

// End to end against Debian's docker-registry, images pushed through its HTTP API by the test.
let registry: TestRegistry;

beforeAll(async () => {
  registry = await startRegistry();
  await registry.push('demo/web', ['feature-x-3-aaaaaaa', 'feature-x-9-bbbbbbb', 'feature-x-10-ccccccc', 'develop-50-ddddddd', 'latest']);
  await registry.push('demo/api', ['develop-41-eeeeeee', 'develop-42-fffffff', 'feature-xy-99-1111111']);
  await registry.push('demo/worker', ['feature-x-2-2222222', 'develop-7-3333333']);
  await registry.push('demo/empty', ['latest', 'feature-xy-1-4444444']);
  await registry.push('demo/many', Array.from({ length: 23 }, (_, i) => `develop-${i + 1}-${(1000000 + i).toString(16).padStart(7, '0')}`));
}, 60000);

afterAll(async () => {
  await registry?.stop();
});

const set = (repos: string[]): ServiceSetDefinition => ({
  name: 'demo',
  tier: 'stage',
  services: repos.map((repo) => ({ name: repo, image: { repository: `demo/${repo}` }, port: 8080, cpu: 256, memory: 512, healthCheck: { path: '/' } })),
});

const resolve = (repos: string[], branch: string, pageSize?: number) =>
  resolveImages({
    set: set(repos),
    registry: 'unused.example.com',
    registryOverride: registry.host,
    branch,
    sources: { oci: new OciRegistrySource({ pageSize }) },
  });

describe('image resolution against a real registry', () => {
  it('takes the branch`s own newest image, comparing revision counts as numbers (10 beats 9)', async () => {
    const [web] = await resolve(['web'], 'feature-x');
    expect(web).toEqual({
      service: 'web',
      repository: `${registry.host}/demo/web`,
      tag: 'feature-x-10-ccccccc',
      image: `${registry.host}/demo/web:feature-x-10-ccccccc`,
      source: 'branch',
    });
  });

  it('falls back to the newest develop image when the branch has none', async () => {
    const [api] = await resolve(['api'], 'feature-x');
    expect([api.tag, api.source]).toEqual(['develop-42-fffffff', 'fallback']);
  });

  it('never takes the images of a branch whose name merely starts with this one', async () => {
    const [api] = await resolve(['api'], 'feature-x');
    expect(api.tag).not.toMatch(/^feature-xy/);
    const [own] = await resolve(['api'], 'feature-xy');
    expect([own.tag, own.source]).toEqual(['feature-xy-99-1111111', 'branch']);
  });

  it('resolves every service of a set, each from its own repository', async () => {
    const images = await resolve(['web', 'api', 'worker'], 'feature-x');
    expect(images.map((i) => [i.service, i.source, i.tag])).toEqual([
      ['web', 'branch', 'feature-x-10-ccccccc'],
      ['api', 'fallback', 'develop-42-fffffff'],
      ['worker', 'branch', 'feature-x-2-2222222'],
    ]);
  });

  it('fails naming the repository and both branches when no tag fits', async () => {
    const failure = resolve(['empty'], 'feature-x');
    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow(new RegExp(`${registry.host}/demo/empty has no tag feature-x-<count>-<sha> for branch feature-x nor develop-<count>-<sha> for develop`));
  });

  it('fails clearly for a repository the registry does not have', async () => {
    await expect(resolve(['nothere'], 'feature-x')).rejects.toThrow(/repository 127\.0\.0\.1:\d+\/demo\/nothere not found \(404\)/);
  });

  it('follows Link pagination through every page of tags', async () => {
    const tags = await new OciRegistrySource({ pageSize: 5 }).listTags(`${registry.host}/demo/many`, AbortSignal.timeout(5000));
    expect(tags).toHaveLength(23);
    const [many] = await resolve(['many'], 'develop', 5);
    expect(many.tag).toMatch(/^develop-23-/);
  });
});
