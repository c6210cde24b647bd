import { contractChanges } from '../../src/contract/contract-guard';
import { refuseContractBreak } from '../../src/cli/run-base';

const change = (actions: string[], before?: unknown, after?: unknown) => ({ actions, before, after });

describe('base plans that break what live envs read', () => {
  it('flags a contract output the plan removes or changes', () => {
    const plan = { output_changes: { vpc_id: change(['delete'], 'vpc-1'), cluster_name: change(['update'], 'a', 'b'), region: change(['no-op'], 'x', 'x') } };
    expect(contractChanges(plan)).toEqual([
      { output: 'vpc_id', how: 'removed' },
      { output: 'cluster_name', how: 'changed' },
    ]);
  });

  it('lets pass outputs outside the contract, new outputs, lists extended at the end and a raised shard count', () => {
    const plan = {
      output_changes: {
        not_in_contract: change(['update'], 'a', 'b'),
        database_endpoint: change(['create'], null, 'x'),
        https_listener_arns: change(['update'], ['l1'], ['l1', 'l2']),
        ingress_shards: change(['update'], 1, 2),
      },
    };
    expect(contractChanges(plan)).toEqual([]);
  });

  it('flags a list whose existing entries change, a shard count lowered, and a value known only after apply', () => {
    const plan = {
      output_changes: {
        https_listener_arns: change(['update'], ['l1', 'l2'], ['l9', 'l2']),
        ingress_shards: change(['update'], 3, 2),
        cluster_arn: change(['update'], 'arn:old', undefined),
      },
    };
    expect(contractChanges(plan).map((c) => c.output)).toEqual(['https_listener_arns', 'ingress_shards', 'cluster_arn']);
  });

  it('refuses to apply such a plan while envs are live, naming outputs and envs, unless forced', () => {
    const outcome = { contract: [{ output: 'vpc_id', how: 'removed' as const }], liveEnvs: ['demo/a', 'demo/b'] };
    expect(() => refuseContractBreak(outcome, false)).toThrow('this base plan changes the contract 2 live env(s) read: vpc_id (removed); envs: demo/a, demo/b');
    expect(() => refuseContractBreak(outcome, true)).not.toThrow();
    expect(() => refuseContractBreak({ ...outcome, liveEnvs: [] }, false)).not.toThrow();
  });
});
