import { BaseDefinition } from '../../src/definitions/base-definition';
import { DefinitionError } from '../../src/definitions/definition-error';
import { loadBase } from '../../src/definitions/tiers';
import { baseProblems, validateBase } from '../../src/definitions/validate-base';
import { stageBase } from '../../stage/base';

describe('base definition validation', () => {
  it('accepts the shipped stage and prod bases', () => {
    expect(baseProblems(loadBase('stage'))).toEqual([]);
    expect(baseProblems(loadBase('prod'))).toEqual([]);
  });

  it('lists every problem with the path to its field, not only the first', () => {
    const broken: BaseDefinition = {
      ...stageBase,
      accountId: '1234',
      vpcCidr: '10.20.0.0/8',
      availabilityZones: ['eu-west-1a', 'us-east-1b'],
      domain: 'Not A Domain',
      logRetentionDays: 10,
      state: { bucket: 'Bad_Bucket', region: 'eu-west-1' },
    };
    const paths = baseProblems(broken).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['accountId', 'vpcCidr', 'availabilityZones[1]', 'domain', 'logRetentionDays', 'state.bucket']),
    );
    expect(() => validateBase(broken, 'stage/base.ts')).toThrow(DefinitionError);
    expect(() => validateBase(broken, 'stage/base.ts')).toThrow(/stage\/base\.ts is invalid \(6 problems\)/);
  });

  it('holds prod to prod standards: a year of logs and a protected load balancer', () => {
    const weakProd: BaseDefinition = { ...loadBase('prod'), logRetentionDays: 30, loadBalancerDeletionProtection: false };
    expect(baseProblems(weakProd).map((p) => p.path).sort()).toEqual(['loadBalancerDeletionProtection', 'logRetentionDays']);
  });

  it('refuses a VPC name too long for the load balancer name', () => {
    const long: BaseDefinition = { ...stageBase, vpcName: 'a-very-long-vpc-name-for-stage-x' };
    expect(baseProblems(long).map((p) => p.path)).toEqual(['vpcName']);
  });

  it('refuses a discovery namespace equal to the public domain', () => {
    const shadow: BaseDefinition = { ...stageBase, discoveryNamespace: stageBase.domain };
    expect(baseProblems(shadow).map((p) => p.message)).toEqual([expect.stringMatching(/shadow the public zone/)]);
  });
});
