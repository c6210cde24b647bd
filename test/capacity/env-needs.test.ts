import { envNeeds } from '../../src/capacity/env-needs';
import { AWS_LIMITS } from '../../src/capacity/aws-limits';
import { planServices } from '../../src/env/plan-services';
import { loadBase } from '../../src/definitions/tiers';
import { loadServiceSet } from '../../src/definitions/service-sets';
import { ServiceSetDefinition } from '../../src/definitions/service-set';
import { service, set } from '../helpers/set-builders';

const images = (s: ServiceSetDefinition) => Object.fromEntries(s.services.map((x) => [x.name, 'nginx:1.27']));
const needsOf = (s: ServiceSetDefinition) => envNeeds(planServices({ base: loadBase(s.tier), set: s, env: 'feature-x', images: images(s) }));

describe('what an env needs from its base', () => {
  it('counts the stage demo env: 5 rules, 2 target groups, up to 3 condition values per rule', () => {
    const needs = needsOf(loadServiceSet('stage', 'demo').definition);
    // web: env host /* and web--; api: /api/* on the env host and api--; the asleep rule for the 3 hosts.
    expect(needs.listenerRules).toBe(5);
    expect(needs.targetGroups).toBe(2);
    expect(needs.maxConditionValuesPerRule).toBe(3);
    // worker: called by web and api, plus Envoy metrics from the VPC.
    expect(needs.maxInboundRulesPerSecurityGroup).toBe(3);
    // web 1 + api 1 (max 3) + worker 1, each 256/512/512 cpu units.
    expect(needs.cloudMapInstances).toEqual({ desired: 3, max: 5 });
    expect(needs.fargateVcpus).toEqual({ desired: 0.25 + 0.5 + 0.5, max: 0.25 + 1.5 + 0.5 });
  });

  it('counts a private-only set as taking nothing from the load balancer', () => {
    const needs = needsOf(set([service('a', { desiredCount: 2, cpu: 1024, memory: 2048 })]));
    expect(needs).toMatchObject({ listenerRules: 0, targetGroups: 0, maxConditionValuesPerRule: 0, cloudMapInstances: { desired: 2, max: 2 }, fargateVcpus: { desired: 2, max: 2 } });
  });

  it('counts no asleep rule when the tier never sleeps', () => {
    const planned = planServices({ base: loadBase('stage'), set: loadServiceSet('stage', 'demo').definition, env: 'feature-x', images: images(loadServiceSet('stage', 'demo').definition) });
    expect(envNeeds(planned, { sleeps: false })).toMatchObject({ listenerRules: 4, maxConditionValuesPerRule: 2 });
  });

  it('counts one asleep rule per 5 hosts', () => {
    const hosts = ['a', 'b', 'c', 'd', 'e', 'f'].map((prefix) => ({ hostPrefix: prefix }));
    const needs = needsOf(set([service('api', { routes: hosts })]));
    expect(needs.listenerRules).toBe(6 + 2);
    expect(needs.maxConditionValuesPerRule).toBe(5);
  });

  it('fits the demo env 20 times into one load balancer, the wall the ingress shards remove', () => {
    const needs = needsOf(loadServiceSet('stage', 'demo').definition);
    const envsPerLoadBalancer = Math.min(
      Math.floor(AWS_LIMITS.rulesPerLoadBalancer.value / needs.listenerRules),
      Math.floor(AWS_LIMITS.targetGroupsPerLoadBalancer.value / needs.targetGroups),
    );
    expect(envsPerLoadBalancer).toBe(20);
  });
});
