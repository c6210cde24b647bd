/**
 * `env cost`: the env's estimated cost per day and per month, from its base and set definitions
 * and the price table (src/cost/prices.ts): no AWS, no registry, no terraform.
 */
import { DAYS_PER_MONTH } from '../cost/cost-assumptions';
import { envCostInput } from '../cost/env-cost-input';
import { EnvCostEstimate, estimateEnvCost, roundToCents } from '../cost/estimate-env-cost';
import { PRICE_SOURCES, PRICE_TABLE_FILE, PRICES_AS_OF } from '../cost/prices';
import { planServices } from '../env/plan-services';
import type { CostArgs } from './command-args';
import { resolveEnv } from './env-options';

export interface EnvCostReport {
  readonly env: string;
  readonly tier: string;
  readonly set: string;
  /** The tier runs env services on Fargate Spot. */
  readonly spot: boolean;
  readonly estimate: EnvCostEstimate;
}

/** The env's estimate. Costs do not depend on images: every per-branch one gets a placeholder tag, so no registry is asked. */
export async function envCostReport(args: CostArgs, cwd: string): Promise<EnvCostReport> {
  const { env, images } = await resolveEnv({ ...args, image: [], tag: 'placeholder', registry: undefined }, cwd);
  const services = planServices({ base: env.base, set: env.set, env: env.name, images: Object.fromEntries(images.map((i) => [i.service, i.image])) });
  const input = envCostInput(env.base, env.set, services);
  return { env: env.name, tier: env.base.tier, set: env.set.name, spot: input.spot, estimate: estimateEnvCost(input) };
}

const usd = (value: number, decimals: number) => `$${value.toFixed(decimals)}`;
const quantity = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));
const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

/** A small table, the totals, the assumptions and where the prices come from. */
export function costText(report: EnvCostReport): string {
  const { estimate } = report;
  const rows = [['item', 'quantity', 'unit', 'per day'], ...estimate.lines.map((l) => [l.item, quantity(l.quantity), l.unit, usd(l.perDay, 4)])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const row = (r: string[]) => `${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3].padStart(9)}`;
  return [
    `Estimated cost of env ${report.env} (${report.tier}, set ${report.set}) in ${estimate.region}, USD at list prices as of ${PRICES_AS_OF}:`,
    '',
    ...rows.map(row),
    '',
    `total: ${usd(estimate.perDay, 2)} per day, ${usd(estimate.perMonth, 2)} per month (${DAYS_PER_MONTH} days)`,
    '',
    'Assumptions:',
    ...estimate.assumptions.map((a) => `  - ${a}`),
    '',
    `Prices: ${PRICE_TABLE_FILE}, AWS list prices as last known; check them against ${Object.values(PRICE_SOURCES).join(', ')}`,
    '',
  ].join('\n');
}

/** The estimate for machines: lines to 1/100 cent, totals to the cent. */
export function costJson(report: EnvCostReport): Record<string, unknown> {
  const { estimate } = report;
  return {
    env: report.env,
    tier: report.tier,
    set: report.set,
    region: estimate.region,
    pricesAsOf: PRICES_AS_OF,
    currency: 'USD',
    spot: report.spot,
    lines: estimate.lines.map((l) => ({ item: l.item, quantity: round(l.quantity, 4), unit: l.unit, perDay: round(l.perDay, 4) })),
    perDay: roundToCents(estimate.perDay),
    perMonth: roundToCents(estimate.perMonth),
    assumptions: estimate.assumptions,
    priceTable: PRICE_TABLE_FILE,
    sources: PRICE_SOURCES,
  };
}

export async function runCost(args: CostArgs, cwd: string): Promise<void> {
  const report = await envCostReport(args, cwd);
  process.stdout.write(args.json ? JSON.stringify(costJson(report), null, 2) + '\n' : costText(report));
}
