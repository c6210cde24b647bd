/**
 * What one env costs per day and per month, from its definition and the price table: Fargate for
 * the desired tasks (Spot where the tier runs it), log ingestion, its share of its shard's load
 * balancer, its secrets, its Cloud Map instances and, when the set has one, its database. A pure
 * function of typed inputs; env-cost-input.ts gathers them from a base, a set and its services.
 */
import { ServiceDefinition } from '../definitions/service-set';
import {
  costAssumptions,
  DATABASE_ACU_HOURS_PER_DAY,
  DATABASE_STORAGE_GB,
  DAYS_PER_MONTH,
  HOURS_PER_DAY,
  LCU_PER_ENV,
  LOG_GB_PER_TASK_DAY,
} from './cost-assumptions';
import { FARGATE_SPOT_FACTOR, pricesFor } from './prices';

export interface EnvCostInput {
  /** The tier's region: which prices apply. */
  readonly region: string;
  /** Task size (cpu units, memory MiB) and desired count of each service. */
  readonly services: readonly Pick<ServiceDefinition, 'name' | 'cpu' | 'memory' | 'desiredCount'>[];
  /** The tier runs its env services on FARGATE_SPOT. */
  readonly spot: boolean;
  /** Secrets Manager secrets of the env alone: its envSecrets and its database credentials. */
  readonly secrets: number;
  /** Service instances the env registers in Cloud Map (one per running task). */
  readonly cloudMapInstances: number;
  /** The set has a database: one per env in the tier's cluster. */
  readonly database: boolean;
  /** How many envs like this one one shard's load balancer holds; Infinity for an env without public routes. */
  readonly envsPerShard: number;
}

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  /** USD per day. */
  readonly perDay: number;
}

export interface EnvCostEstimate {
  readonly region: string;
  readonly lines: readonly CostLine[];
  /** USD. */
  readonly perDay: number;
  /** USD, perDay × DAYS_PER_MONTH. */
  readonly perMonth: number;
  readonly assumptions: readonly string[];
}

/** The estimate, line by line; throws a UserError for a region the price table lacks. */
export function estimateEnvCost(input: EnvCostInput): EnvCostEstimate {
  const prices = pricesFor(input.region);
  const fargate = input.spot ? FARGATE_SPOT_FACTOR : 1;
  const capacity = input.spot ? 'Fargate Spot' : 'Fargate';
  const tasks = input.services.reduce((n, s) => n + (s.desiredCount ?? 1), 0);
  const vcpuHours = input.services.reduce((n, s) => n + (s.cpu / 1024) * (s.desiredCount ?? 1), 0) * HOURS_PER_DAY;
  const gbHours = input.services.reduce((n, s) => n + (s.memory / 1024) * (s.desiredCount ?? 1), 0) * HOURS_PER_DAY;
  const logGb = tasks * LOG_GB_PER_TASK_DAY;
  // An env too big for a shard still takes a whole load balancer.
  const envsPerShard = Math.max(1, input.envsPerShard);
  const albShare = Number.isFinite(envsPerShard) ? 1 / envsPerShard : 0;
  const albHours = albShare * HOURS_PER_DAY;
  const lcuHours = albShare > 0 ? LCU_PER_ENV * HOURS_PER_DAY : 0;
  const perMonth = (price: number) => price / DAYS_PER_MONTH;

  const lines: CostLine[] = [
    { item: `${capacity} vCPU`, quantity: vcpuHours, unit: 'vCPU-hours/day', perDay: vcpuHours * prices.fargateVcpuHour * fargate },
    { item: `${capacity} memory`, quantity: gbHours, unit: 'GB-hours/day', perDay: gbHours * prices.fargateGbHour * fargate },
    { item: 'CloudWatch Logs ingestion', quantity: logGb, unit: 'GB/day', perDay: logGb * prices.logsIngestionGb },
  ];
  if (albShare > 0) {
    lines.push(
      { item: `Load balancer share (1/${envsPerShard})`, quantity: albHours, unit: 'ALB-hours/day', perDay: albHours * prices.albHour },
      { item: 'Load balancer capacity units', quantity: lcuHours, unit: 'LCU-hours/day', perDay: lcuHours * prices.albLcuHour },
    );
  }
  lines.push(
    { item: 'Secrets Manager', quantity: input.secrets, unit: 'secrets', perDay: input.secrets * perMonth(prices.secretMonth) },
    { item: 'Cloud Map', quantity: input.cloudMapInstances, unit: 'instances', perDay: input.cloudMapInstances * perMonth(prices.cloudMapInstanceMonth) },
  );
  if (input.database) {
    lines.push(
      { item: 'Database compute (Aurora Serverless v2)', quantity: DATABASE_ACU_HOURS_PER_DAY, unit: 'ACU-hours/day', perDay: DATABASE_ACU_HOURS_PER_DAY * prices.auroraAcuHour },
      { item: 'Database storage', quantity: DATABASE_STORAGE_GB, unit: 'GB', perDay: DATABASE_STORAGE_GB * perMonth(prices.auroraStorageGbMonth) },
    );
  }
  const perDay = lines.reduce((sum, line) => sum + line.perDay, 0);
  return { region: input.region, lines, perDay, perMonth: perDay * DAYS_PER_MONTH, assumptions: costAssumptions() };
}

/** USD rounded to cents: what the env stack's output and plan.md carry. */
export function roundToCents(usd: number): number {
  return Math.round(usd * 100) / 100;
}
