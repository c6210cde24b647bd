/**
 * The estimate and the env stack agree: the stack runs Spot exactly where tierUsesSpot says, and its
 * `estimated_cost_per_day` output (what plan.md compares) is the estimate rounded to cents.
 */
import { envCostInput, tierUsesSpot } from '../../src/cost/env-cost-input';
import { estimateEnvCost, roundToCents } from '../../src/cost/estimate-env-cost';
import { Tier } from '../../src/definitions/base-definition';
import { planServices } from '../../src/env/plan-services';
import { demoEnv } from '../helpers/demo-env';
import { resourcesOf } from '../helpers/stack-json';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';

describe.each(['stage', 'prod'] as const)('the %s demo env stack', (tier: Tier) => {
  const env = demoEnv(tier);
  const json = readStackJson(synthToTemp([env.spec])[0]);

  it('runs every service on the capacity provider the estimate prices', () => {
    const services = Object.values(resourcesOf(json, 'aws_ecs_service'));
    expect(services.length).toBe(3);
    for (const service of services) {
      expect(service.capacity_provider_strategy).toEqual([expect.objectContaining({ capacity_provider: tierUsesSpot(tier) ? 'FARGATE_SPOT' : 'FARGATE' })]);
    }
  });

  it('outputs the estimated cost per day, rounded to cents', () => {
    const outputs = json.output as Record<string, { value: unknown; description: string }>;
    const planned = planServices({ base: env.base, set: env.set, env: env.name, images: env.images });
    const expected = roundToCents(estimateEnvCost(envCostInput(env.base, env.set, planned)).perDay);
    expect(outputs.estimated_cost_per_day.value).toBe(expected);
    // Stage: the hand calculation in estimate-env-cost.test.ts (0.609472). Prod (on-demand, web and api
    // 2 tasks, worker 1; 25 envs a shard; 1 secret): vCPU 48 h × 0.04048 = 1.943040, memory 96 GB-h ×
    // 0.004445 = 0.426720, logs 0.25 GB × 0.57 = 0.142500, ALB 0.96 h × 0.0252 = 0.024192, LCU 0.009600,
    // secret 0.4 / 30.4 = 0.013158, Cloud Map 5 × 0.1 / 30.4 = 0.016447, storage 0.003618: 2.579275.
    expect(expected).toBe(tier === 'stage' ? 0.61 : 2.58);
  });
});
