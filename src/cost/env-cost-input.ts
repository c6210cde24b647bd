/**
 * The inputs of estimateEnvCost for one env, from its base, its set and its planned services: the
 * same counts the capacity checks use (env-needs.ts, place-env.ts), so cost and capacity agree.
 */
import { envNeeds } from '../capacity/env-needs';
import { envsThatFit } from '../capacity/place-env';
import { BaseDefinition, Tier } from '../definitions/base-definition';
import { ServiceSetDefinition } from '../definitions/service-set';
import { referencedEnvSecrets } from '../env/env-secret-references';
import type { PlannedService } from '../env/plan-services';
import { EnvCostInput, estimateEnvCost, roundToCents } from './estimate-env-cost';
import { hasPrices } from './prices';

/**
 * The tier runs its env services (and migrations) on FARGATE_SPOT: stage does, prod does not, as
 * the env stack chooses (src/stacks/branch-stack.ts; test/cost/spot-tiers.test.ts keeps the two in step).
 */
export function tierUsesSpot(tier: Tier): boolean {
  return tier === 'stage';
}

/** The env's cost inputs. */
export function envCostInput(base: BaseDefinition, set: ServiceSetDefinition, services: readonly PlannedService[]): EnvCostInput {
  // The env's asleep rules share the load balancer's rules only where the base has sleep hours.
  const needs = envNeeds(services, { sleeps: base.sleep !== undefined });
  const emptyShard = { shard: 1, listenerRules: 0, targetGroups: 0 };
  return {
    region: base.region,
    services: services.map((s) => s.definition),
    spot: tierUsesSpot(base.tier),
    secrets: referencedEnvSecrets(set).length + (set.database ? 1 : 0),
    cloudMapInstances: needs.cloudMapInstances.desired,
    database: set.database !== undefined,
    envsPerShard: envsThatFit(emptyShard, needs, { rules: 0, targetGroups: 0 }),
  };
}

/**
 * The env's estimated cost per day in USD, rounded to cents, for the env stack's output; undefined
 * when the price table has no prices for the base's region (the stack still synthesizes).
 */
export function estimatedCostPerDay(base: BaseDefinition, set: ServiceSetDefinition, services: readonly PlannedService[]): number | undefined {
  if (!hasPrices(base.region)) return undefined;
  return roundToCents(estimateEnvCost(envCostInput(base, set, services)).perDay);
}
