/**
 * The one price table `env cost` and plan.md estimate with: AWS list prices in USD, per region,
 * as of PRICES_AS_OF, from the pricing pages in PRICE_SOURCES.
 *
 * These are list prices as last known: they were written down without network access to the
 * pricing pages and must be checked against them (and the date moved) before they are trusted.
 * Discounts (Savings Plans, credits, free tiers) are not applied. To estimate in another region,
 * add it here with its prices from the same pages.
 */
import { UserError } from '../errors/user-error';

/** When the prices below were last taken from PRICE_SOURCES. */
export const PRICES_AS_OF = '2026-11-22';

/** This file, for messages that tell the user where to add a region. */
export const PRICE_TABLE_FILE = 'src/cost/prices.ts';

/** Where each price comes from. */
export const PRICE_SOURCES = {
  fargate: 'https://aws.amazon.com/fargate/pricing/',
  loadBalancer: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
  logs: 'https://aws.amazon.com/cloudwatch/pricing/',
  secrets: 'https://aws.amazon.com/secrets-manager/pricing/',
  cloudMap: 'https://aws.amazon.com/cloud-map/pricing/',
  database: 'https://aws.amazon.com/rds/aurora/pricing/',
} as const;

/**
 * Fargate Spot as a fraction of the on-demand price. Spot prices move with spare capacity; AWS
 * advertises "up to 70% off", so Spot is modelled as 0.3 × on-demand.
 */
export const FARGATE_SPOT_FACTOR = 0.3;

/** List prices of one region, USD. */
export interface RegionPrices {
  /** Fargate, Linux/x86, on-demand, per vCPU-hour. */
  readonly fargateVcpuHour: number;
  /** Fargate, Linux/x86, on-demand, per GB of memory per hour. */
  readonly fargateGbHour: number;
  /** Application Load Balancer, per load balancer-hour. */
  readonly albHour: number;
  /** Application Load Balancer, per LCU-hour. */
  readonly albLcuHour: number;
  /** CloudWatch Logs, standard class, ingestion per GB. */
  readonly logsIngestionGb: number;
  /** Secrets Manager, per secret per month. */
  readonly secretMonth: number;
  /** Cloud Map, per registered service instance per month. */
  readonly cloudMapInstanceMonth: number;
  /** Aurora Serverless v2 (standard), per ACU-hour. */
  readonly auroraAcuHour: number;
  /** Aurora (standard) storage, per GB-month. */
  readonly auroraStorageGbMonth: number;
}

export const PRICES: Readonly<Record<string, RegionPrices>> = {
  'eu-west-1': {
    fargateVcpuHour: 0.04048,
    fargateGbHour: 0.004445,
    albHour: 0.0252,
    albLcuHour: 0.008,
    logsIngestionGb: 0.57,
    secretMonth: 0.4,
    cloudMapInstanceMonth: 0.1,
    auroraAcuHour: 0.13,
    auroraStorageGbMonth: 0.11,
  },
  'us-east-1': {
    fargateVcpuHour: 0.04048,
    fargateGbHour: 0.004445,
    albHour: 0.0225,
    albLcuHour: 0.008,
    logsIngestionGb: 0.5,
    secretMonth: 0.4,
    cloudMapInstanceMonth: 0.1,
    auroraAcuHour: 0.12,
    auroraStorageGbMonth: 0.1,
  },
};

/** Whether the table has prices for the region. */
export function hasPrices(region: string): boolean {
  return Object.prototype.hasOwnProperty.call(PRICES, region);
}

/** The region's prices; a region the table lacks is refused with what to do. */
export function pricesFor(region: string): RegionPrices {
  if (!hasPrices(region)) {
    throw new UserError(
      `no prices for region ${region}: the price table has ${Object.keys(PRICES).join(', ')}`,
      `add ${region} to PRICES in ${PRICE_TABLE_FILE} from the pricing pages named there`,
    );
  }
  return PRICES[region];
}
