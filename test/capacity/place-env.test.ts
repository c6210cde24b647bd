import fc from 'fast-check';
import { AWS_LIMITS } from '../../src/capacity/aws-limits';
import { placeEnv, shardUse } from '../../src/capacity/place-env';
import { parseEnvState } from '../../src/state/env-states';

// The demo env: 4 forward rules and its asleep rule (src/capacity/env-needs.ts).
const demo = { listenerRules: 5, targetGroups: 2 };
const grafana = { rules: 1, targetGroups: 1 };
/** 20 demo envs a shard (19 on shard 1, beside Grafana): 26 shards hold 519. */
const SHARDS = 26;
const env = (shard: number) => ({ shard, ingress: demo });
const place = (envs: { shard: number; ingress: typeof demo }[], shards: number) =>
  placeEnv({ use: shardUse(shards, envs), needs: demo, shardOneReserved: grafana, baseFile: 'stage/base.ts' });

describe('placing a new env on an ingress shard', () => {
  it('picks the shard with the most room, the lowest on a tie', () => {
    expect(place([], 4)).toBe(2); // shard 1 keeps Grafana's rule: 2, 3 and 4 have more room
    expect(place([env(2), env(3), env(4)], 4)).toBe(1); // 19 more fit everywhere: the lowest
    expect(place([env(2), env(2), env(3)], 4)).toBe(4);
  });

  it('refuses when every shard is full, saying which limit and what to raise', () => {
    const full = Array.from({ length: 20 }, () => env(1));
    expect(() => place(full, 1)).toThrow(/no ingress shard has room for this env \(5 listener rules, 2 target groups\): shard 1: 100\/100 rules, 40\/100 target groups/);
  });

  it('places 500 demo envs over 26 shards without passing any load balancer limit, and each stays where it was put', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 499 }), { maxLength: 200 }), (dropped) => {
        const placed: { shard: number; ingress: typeof demo }[] = [];
        for (let i = 0; i < 500; i++) placed.push(env(place(placed, SHARDS)));
        const before = placed.map((p) => p.shard);
        // Envs leave; the ones left keep their shard, and new ones still fit.
        const gone = new Set(dropped);
        const left = placed.filter((_, i) => !gone.has(i));
        expect(left.map((p) => p.shard)).toEqual(before.filter((_, i) => !gone.has(i)));
        for (let i = 0; i < gone.size; i++) left.push(env(place(left, SHARDS)));
        for (const use of shardUse(SHARDS, left)) {
          expect(use.listenerRules + (use.shard === 1 ? grafana.rules : 0)).toBeLessThanOrEqual(AWS_LIMITS.rulesPerLoadBalancer.value);
          expect(use.targetGroups + (use.shard === 1 ? grafana.targetGroups : 0)).toBeLessThanOrEqual(AWS_LIMITS.targetGroupsPerLoadBalancer.value);
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('an env state read for placement', () => {
  it('gives its recorded shard and what it takes from the load balancer; envs from before shards are on shard 1', () => {
    const state = (outputs: object) =>
      JSON.stringify({
        version: 4,
        outputs,
        resources: [
          { mode: 'managed', type: 'aws_lb_listener_rule', name: 'a', instances: [{}] },
          { mode: 'managed', type: 'aws_lb_listener_rule', name: 'b', instances: [{}, {}] },
          { mode: 'managed', type: 'aws_lb_target_group', name: 'c', instances: [{}] },
        ],
      });
    const key = 'stage/services/demo/feature-x/terraform.tfstate';
    expect(parseEnvState(key, new Date(0), state({ shard: { value: 3, type: 'number' } }))).toMatchObject({ shard: 3, ingress: { listenerRules: 3, targetGroups: 1 } });
    expect(parseEnvState(key, new Date(0), state({})).shard).toBe(1);
  });
});
