import { tierCapacity, tierCapacityText } from '../../src/capacity/tier-capacity';
import type { EnvState } from '../../src/state/env-states';
import { envState } from '../helpers/env-state';

const state = (env: string, shard: number, rules: number, spotVcpus: number, tasks: number, resources = 10): EnvState =>
  envState(env, { resources, shard, ingress: { listenerRules: rules, targetGroups: rules / 2 }, fargate: { tasks, onDemandVcpus: 0, spotVcpus } });

describe("a tier's use of its limits", () => {
  const states = [state('a', 1, 4, 1.25, 3), state('b', 2, 4, 1.25, 3), state('c', 2, 6, 2, 4), state('dropped', 2, 0, 0, 0, 0)];

  it('counts each shard`s rules and target groups (Grafana`s on shard 1), and the live envs on it', () => {
    const capacity = tierCapacity({ tier: 'stage', shards: 3, states, quotas: { spotVcpus: 6 } });
    expect(capacity.envs).toBe(3);
    expect(capacity.shards).toEqual([
      { shard: 1, envs: 1, listenerRules: { used: 5, limit: 100 }, targetGroups: { used: 3, limit: 100 } },
      { shard: 2, envs: 2, listenerRules: { used: 10, limit: 100 }, targetGroups: { used: 5, limit: 100 } },
      { shard: 3, envs: 0, listenerRules: { used: 0, limit: 100 }, targetGroups: { used: 0, limit: 100 } },
    ]);
  });

  it('sums Fargate vCPUs against the quotas it knows, and tasks against the Cloud Map namespace limit', () => {
    const capacity = tierCapacity({ tier: 'stage', shards: 3, states, quotas: { spotVcpus: 6 } });
    expect(capacity.account).toEqual({
      fargateOnDemandVcpus: { used: 0, limit: undefined },
      fargateSpotVcpus: { used: 4.5, limit: 6 },
      cloudMapInstances: { used: 10, limit: 2000 },
    });
  });

  it('prints used/limit with a share, and ? for a quota it does not know', () => {
    const text = tierCapacityText(tierCapacity({ tier: 'stage', shards: 2, states, quotas: { spotVcpus: 6 } }));
    expect(text.split('\n')).toEqual([
      'stage: 3 live env(s) on 2 ingress shard(s)',
      '  shard 1: 1 env(s), listener rules 5/100 (5%), target groups 3/100 (3%)',
      '  shard 2: 2 env(s), listener rules 10/100 (10%), target groups 5/100 (5%)',
      '  account: Fargate on-demand vCPUs 0/?, Fargate Spot vCPUs 4.5/6 (75%), Cloud Map instances 10/2000 (1%)',
    ]);
  });
});
