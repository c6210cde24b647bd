/** The price table: every region complete and plausible, dated, with sources; a region it lacks refused. */
import { UserError } from '../../src/errors/user-error';
import { FARGATE_SPOT_FACTOR, hasPrices, PRICE_SOURCES, PRICES, PRICES_AS_OF, pricesFor, RegionPrices } from '../../src/cost/prices';

const FIELDS: readonly (keyof RegionPrices)[] = [
  'fargateVcpuHour',
  'fargateGbHour',
  'albHour',
  'albLcuHour',
  'logsIngestionGb',
  'secretMonth',
  'cloudMapInstanceMonth',
  'auroraAcuHour',
  'auroraStorageGbMonth',
];

function thrown(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    return error as UserError;
  }
  throw new Error('expected an error');
}

describe('price table', () => {
  it('has at least the regions the bases use, eu-west-1 and us-east-1', () => {
    expect(Object.keys(PRICES)).toEqual(expect.arrayContaining(['eu-west-1', 'us-east-1']));
  });

  it.each(Object.keys(PRICES))('%s has every price, each a positive number below $1 per unit', (region) => {
    const prices = PRICES[region] as unknown as Record<string, unknown>;
    expect(Object.keys(prices).sort()).toEqual([...FIELDS].sort());
    for (const field of FIELDS) {
      expect(typeof prices[field]).toBe('number');
      expect(prices[field]).toBeGreaterThan(0);
      expect(prices[field]).toBeLessThan(1);
    }
  });

  it('keeps the figures as taken from the pricing pages', () => {
    expect(PRICES['eu-west-1']).toMatchObject({ fargateVcpuHour: 0.04048, fargateGbHour: 0.004445, albHour: 0.0252, logsIngestionGb: 0.57, auroraAcuHour: 0.13, auroraStorageGbMonth: 0.11 });
    expect(PRICES['us-east-1']).toMatchObject({ albHour: 0.0225, logsIngestionGb: 0.5, auroraAcuHour: 0.12, auroraStorageGbMonth: 0.1 });
  });

  it('is dated and names a pricing page for every kind of price', () => {
    expect(PRICES_AS_OF).toMatch(/^20\d\d-\d\d-\d\d$/);
    for (const url of Object.values(PRICE_SOURCES)) expect(url).toMatch(/^https:\/\/aws\.amazon\.com\/[a-z0-9-/]+\/pricing\/$/);
    expect(Object.keys(PRICE_SOURCES).sort()).toEqual(['cloudMap', 'database', 'fargate', 'loadBalancer', 'logs', 'secrets']);
  });

  it('models Fargate Spot as 70% off on-demand', () => {
    expect(FARGATE_SPOT_FACTOR).toBe(0.3);
  });

  it('refuses a region it has no prices for, naming the regions it has and the file to extend', () => {
    expect(hasPrices('ap-southeast-2')).toBe(false);
    expect(hasPrices('toString')).toBe(false);
    const error = thrown(() => pricesFor('ap-southeast-2'));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe('no prices for region ap-southeast-2: the price table has eu-west-1, us-east-1');
    expect(error.hint).toBe('add ap-southeast-2 to PRICES in src/cost/prices.ts from the pricing pages named there');
    expect(pricesFor('eu-west-1')).toBe(PRICES['eu-west-1']);
  });
});
