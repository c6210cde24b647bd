import { checkCapacity, CapacityCheckInput } from '../../src/capacity/check-capacity';
import type { EnvNeeds } from '../../src/capacity/env-needs';
import type { EnvState } from '../../src/state/env-states';
import { envState } from '../helpers/env-state';

const DEMO: EnvNeeds = {
  listenerRules: 4,
  targetGroups: 2,
  maxConditionValuesPerRule: 2,
  maxInboundRulesPerSecurityGroup: 3,
  cloudMapInstances: { desired: 3, max: 5 },
  fargateVcpus: { desired: 1.25, max: 2.25 },
};

const other = (tasks: number, spotVcpus: number, onDemandVcpus = 0): EnvState => envState(`e${tasks}`, { shard: 2, fargate: { tasks, onDemandVcpus, spotVcpus } });

const input = (over: Partial<CapacityCheckInput> = {}): CapacityCheckInput => ({
  needs: DEMO,
  shard: 2,
  use: [
    { shard: 1, listenerRules: 0, targetGroups: 0 },
    { shard: 2, listenerRules: 8, targetGroups: 4 },
  ],
  others: [other(3, 1.25), other(3, 1.25)],
  quotas: { spotVcpus: 10, onDemandVcpus: 6 },
  spot: true,
  baseFile: 'stage/base.ts',
  setFile: 'stage/services/demo.ts',
  ...over,
});

describe('whether a new env fits its base', () => {
  it('lets an env in that fits every limit, with no warning', () => {
    expect(checkCapacity(input())).toEqual({ warnings: [] });
  });

  it('refuses a shard that was asked for and has no room left', () => {
    const verdict = checkCapacity(input({ use: [{ shard: 1, listenerRules: 0, targetGroups: 0 }, { shard: 2, listenerRules: 98, targetGroups: 49 }] }));
    expect(verdict.refusal?.message).toBe('ingress shard 2 has no room for this env (4 listener rules, 2 target groups; in use 98/100 rules, 49/100 target groups)');
    expect(verdict.refusal?.hint).toContain('leave out --shard');
  });

  it('refuses an env whose rule or security group passes a per-env AWS limit', () => {
    expect(checkCapacity(input({ needs: { ...DEMO, maxConditionValuesPerRule: 6 } })).refusal?.message).toContain('6 condition values; AWS allows 5');
    expect(checkCapacity(input({ needs: { ...DEMO, maxInboundRulesPerSecurityGroup: 61 } })).refusal?.message).toContain('61 inbound rules');
  });

  it('refuses the Fargate vCPUs the quota cannot hold at the desired count, and warns when only the max passes it', () => {
    const refused = checkCapacity(input({ quotas: { spotVcpus: 3 } }));
    expect(refused.refusal?.message).toBe("the account's Fargate Spot vCPU quota is 3; the tier's envs use 2.5 and this env needs 1.25");
    expect(refused.refusal?.hint).toContain('L-36FBB829');
    const warned = checkCapacity(input({ quotas: { spotVcpus: 4 } }));
    expect(warned.refusal).toBeUndefined();
    expect(warned.warnings).toEqual(["at autoscaling's max this env needs 2.25 Fargate Spot vCPUs; with the 2.5 in use that passes the quota of 4 (L-36FBB829): tasks beyond it will not start"]);
  });

  it('counts on-demand vCPUs against the on-demand quota for tiers without Spot, and skips a quota it does not know', () => {
    expect(checkCapacity(input({ spot: false, others: [other(3, 0, 5)], quotas: { onDemandVcpus: 6 } })).refusal?.message).toContain('Fargate On-Demand vCPU quota is 6');
    expect(checkCapacity(input({ quotas: {} }))).toEqual({ warnings: [] });
  });

  it('refuses an env the tier`s Cloud Map namespace cannot register', () => {
    expect(checkCapacity(input({ others: [other(1998, 0)] })).refusal?.message).toBe("the tier's Cloud Map namespace holds 1998 of 2000 instances; this env adds 3");
    expect(checkCapacity(input({ others: [other(1996, 0)] })).warnings[0]).toContain('Cloud Map namespace past 2000 instances');
  });
});
