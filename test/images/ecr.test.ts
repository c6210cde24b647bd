import { ECRClient, ListImagesCommand } from '@aws-sdk/client-ecr';
import { mockClient } from 'aws-sdk-client-mock';
import { ServiceSetDefinition } from '../../src/definitions/service-set';
import { EcrSource } from '../../src/images/sources/ecr';
import { resolveImages } from '../../src/images/resolve-images';

const ecr = mockClient(ECRClient);
const registry = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const set: ServiceSetDefinition = {
  name: 'demo',
  tier: 'stage',
  services: [{ name: 'api', image: { repository: 'demo/api' }, port: 8080, cpu: 256, memory: 512, healthCheck: { path: '/' } }],
};

beforeEach(() => ecr.reset());

describe('ECR tag source', () => {
  it('reads every page of ListImages for the repository and account in the address', async () => {
    ecr
      .on(ListImagesCommand, { repositoryName: 'demo/api', registryId: '123456789012', nextToken: undefined })
      .resolves({ imageIds: [{ imageTag: 'develop-9-aaaaaaa' }, { imageDigest: 'sha256:untagged' }], nextToken: 'page-2' })
      .on(ListImagesCommand, { nextToken: 'page-2' })
      .resolves({ imageIds: [{ imageTag: 'develop-10-bbbbbbb' }, { imageTag: 'feature-y-1-ccccccc' }] });
    const source = new EcrSource(() => new ECRClient({ region: 'eu-west-1' }));
    const tags = await source.listTags(`${registry}/demo/api`, AbortSignal.timeout(5000));
    expect(tags).toEqual(['develop-9-aaaaaaa', 'develop-10-bbbbbbb', 'feature-y-1-ccccccc']);
    expect(ecr.commandCalls(ListImagesCommand)).toHaveLength(2);
  });

  it('is chosen for ECR addresses by the resolver', async () => {
    ecr.on(ListImagesCommand).resolves({ imageIds: [{ imageTag: 'develop-3-ddddddd' }] });
    const [api] = await resolveImages({
      set,
      registry,
      branch: 'feature/new',
      sources: { ecr: new EcrSource(() => new ECRClient({ region: 'eu-west-1' })) },
    });
    expect([api.image, api.source]).toEqual([`${registry}/demo/api:develop-3-ddddddd`, 'fallback']);
  });

  it('says which repository is missing instead of retrying', async () => {
    ecr.on(ListImagesCommand).rejects(Object.assign(new Error('gone'), { name: 'RepositoryNotFoundException' }));
    const failure = resolveImages({ set, registry, branch: 'x', sources: { ecr: new EcrSource(() => new ECRClient({ region: 'eu-west-1' })) } });
    await expect(failure).rejects.toThrow(/ECR repository demo\/api not found in 123456789012\/eu-west-1/);
    expect(ecr.commandCalls(ListImagesCommand)).toHaveLength(1);
  });

  it('stops a nextToken that comes back, or pages that never end', async () => {
    ecr.on(ListImagesCommand).resolves({ imageIds: [{ imageTag: 'develop-1-aaaaaaa' }], nextToken: 'same' });
    const looping = new EcrSource(() => new ECRClient({ region: 'eu-west-1' })).listTags(`${registry}/demo/api`, AbortSignal.timeout(5000));
    await expect(looping).rejects.toThrow(`registry ${registry}: tag list paging looped back to a page already seen`);
    ecr.reset();
    let page = 0;
    ecr.on(ListImagesCommand).callsFake(async () => ({ imageIds: [], nextToken: `token-${++page}` }));
    const endless = new EcrSource(() => new ECRClient({ region: 'eu-west-1' }), { maxPages: 7 }).listTags(`${registry}/demo/api`, AbortSignal.timeout(5000));
    await expect(endless).rejects.toThrow(`registry ${registry}: tag list paging did not end after 7 pages`);
    expect(ecr.commandCalls(ListImagesCommand)).toHaveLength(7);
  });

  it('keeps only the tags asked for', async () => {
    ecr.on(ListImagesCommand).resolves({ imageIds: [{ imageTag: 'develop-1-aaaaaaa' }, { imageTag: 'other-2-bbbbbbb' }, { imageTag: 'develop-3-ccccccc' }] });
    const source = new EcrSource(() => new ECRClient({ region: 'eu-west-1' }));
    const kept = await source.listTags(`${registry}/demo/api`, AbortSignal.timeout(5000), (tag) => tag.startsWith('develop-'));
    expect(kept).toEqual(['develop-1-aaaaaaa', 'develop-3-ccccccc']);
  });
});
