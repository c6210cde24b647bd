import { loadBase } from '../../src/definitions/tiers';
import { tierRepositories } from '../../src/images/tier-repositories';
import { stackSpec } from '../../src/stacks/catalog';
import { tagPrefixOf } from '../../src/tags/tag-convention';
import { resourcesOf } from '../helpers/stack-json';
import { service, set } from '../helpers/set-builders';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';

describe('the ECR repositories of the bootstrap stack', () => {
  const json = readStackJson(synthToTemp([stackSpec('state-bucket', 'stage')])[0]);
  const repositories = Object.values(resourcesOf(json, 'aws_ecr_repository'));
  const policies = Object.values(resourcesOf(json, 'aws_ecr_lifecycle_policy')).map((p) => JSON.parse(String(p.policy)));

  it('has one repository per per-branch image of the tier`s sets, immutable, scanned on push and KMS-encrypted', () => {
    expect(repositories.map((r) => r.name).sort()).toEqual(['demo/api', 'demo/web', 'demo/worker']);
    for (const r of repositories) {
      expect(r).toMatchObject({ image_tag_mutability: 'IMMUTABLE', image_scanning_configuration: { scan_on_push: true }, encryption_configuration: [{ encryption_type: 'KMS' }] });
    }
  });

  it('keeps the fallback branch`s newest images and expires the others after the env TTL', () => {
    const ttl = loadBase('stage').envTtlDays;
    for (const policy of policies) {
      expect(policy.rules).toEqual([
        expect.objectContaining({ rulePriority: 1, selection: { tagStatus: 'tagged', tagPrefixList: ['develop-'], countType: 'imageCountMoreThan', countNumber: 5 } }),
        expect.objectContaining({ rulePriority: 2, selection: { tagStatus: 'any', countType: 'sinceImagePushed', countUnit: 'days', countNumber: ttl } }),
      ]);
    }
  });

  it('follows another fallback branch by its tag prefix', () => {
    const other = readStackJson(synthToTemp([stackSpec('state-bucket', 'stage', { fallbackBranch: 'release/Main' })])[0]);
    const policy = JSON.parse(String(Object.values(resourcesOf(other, 'aws_ecr_lifecycle_policy'))[0].policy));
    expect(policy.rules[0].selection.tagPrefixList).toEqual([`${tagPrefixOf('release/Main')}-`]); // the branch's env name, as its image tags start
  });
});

describe('which repositories a tier owns', () => {
  const base = loadBase('stage');
  it('takes per-branch repositories in the tier`s own ECR registry, once each, and leaves fixed images and other registries alone', () => {
    const ours = set([service('a', { image: { repository: 'shop/a' } }), service('b', { image: { fixed: 'nginx:1.27' } }), service('c', { image: { repository: 'shop/a' } })]);
    const ghcr = { ...set([service('d', { image: { repository: 'org/d' } })]), registry: 'ghcr.io/org' };
    expect(tierRepositories(base, [ours, ghcr])).toEqual(['shop/a']);
  });
});
