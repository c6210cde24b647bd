/**
 * The estimate's arithmetic, checked against a hand calculation of the stage demo set, and its rules:
 * Spot only where the tier runs it, the database only when the set has one, the load balancer only
 * for an env with public routes, an unknown region refused.
 */
import { envCostInput, tierUsesSpot } from '../../src/cost/env-cost-input';
import { EnvCostInput, estimateEnvCost, roundToCents } from '../../src/cost/estimate-env-cost';
import { UserError } from '../../src/errors/user-error';
import { planServices } from '../../src/env/plan-services';
import { loadEnv } from '../../src/env/prepare-env';
import { Tier } from '../../src/definitions/base-definition';
import { service, set } from '../helpers/set-builders';

/** The stage demo set as the estimate sees it (stage/services/demo.ts, stage/base.ts). */
const STAGE_DEMO: EnvCostInput = {
  region: 'eu-west-1',
  services: [
    { name: 'web', cpu: 256, memory: 512 },
    { name: 'api', cpu: 512, memory: 1024 },
    { name: 'worker', cpu: 512, memory: 1024 },
  ],
  spot: true,
  secrets: 2,
  cloudMapInstances: 3,
  database: true,
  envsPerShard: 20,
};

const perDayOf = (input: EnvCostInput) => Object.fromEntries(estimateEnvCost(input).lines.map((l) => [l.item, l.perDay]));

describe('estimateEnvCost', () => {
  it('adds up the stage demo set as by hand', () => {
    // Hand calculation, eu-west-1, one task per service, 24 hours:
    //   vCPU     (0.25 + 0.5 + 0.5) × 24 = 30 vCPU-h × 0.04048 × 0.3 (Spot) = 0.364320
    //   memory   (0.5 + 1 + 1) × 24      = 60 GB-h   × 0.004445 × 0.3     = 0.080010
    //   logs     3 tasks × 0.05 GB       = 0.15 GB   × 0.57               = 0.085500
    //   ALB      24 h / 20 envs a shard  = 1.2 h     × 0.0252             = 0.030240
    //   LCU      0.05 × 24               = 1.2 LCU-h × 0.008              = 0.009600
    //   secrets  2 × 0.40 / 30.4                                          = 0.026316
    //   Cloud Map 3 × 0.10 / 30.4                                         = 0.009868
    //   database 0 ACU-h; 1 GB × 0.11 / 30.4                              = 0.003618
    //   total                                                            = 0.609472 a day; × 30.4 = 18.528 a month
    const estimate = estimateEnvCost(STAGE_DEMO);
    expect(estimate.lines.map((l) => [l.item, l.unit])).toEqual([
      ['Fargate Spot vCPU', 'vCPU-hours/day'],
      ['Fargate Spot memory', 'GB-hours/day'],
      ['CloudWatch Logs ingestion', 'GB/day'],
      ['Load balancer share (1/20)', 'ALB-hours/day'],
      ['Load balancer capacity units', 'LCU-hours/day'],
      ['Secrets Manager', 'secrets'],
      ['Cloud Map', 'instances'],
      ['Database compute (Aurora Serverless v2)', 'ACU-hours/day'],
      ['Database storage', 'GB'],
    ]);
    const quantities = [30, 60, 0.15, 1.2, 1.2, 2, 3, 0, 1];
    estimate.lines.forEach((line, i) => expect(line.quantity).toBeCloseTo(quantities[i], 10));
    const hand = [0.36432, 0.08001, 0.0855, 0.03024, 0.0096, 0.026316, 0.009868, 0, 0.003618];
    estimate.lines.forEach((line, i) => expect(line.perDay).toBeCloseTo(hand[i], 6));
    expect(estimate.perDay).toBeCloseTo(0.609472, 5);
    expect(estimate.perMonth).toBeCloseTo(18.528, 2);
    expect(roundToCents(estimate.perDay)).toBe(0.61);
    expect(roundToCents(estimate.perMonth)).toBe(18.53);
    expect(estimate.region).toBe('eu-west-1');
    expect(estimate.assumptions.join('\n')).toMatch(/0\.05 GB of logs per task per day[\s\S]*0 ACU-hours a day/);
  });

  it('charges on-demand Fargate when the tier does not run Spot, and nothing else changes', () => {
    const spot = perDayOf(STAGE_DEMO);
    const onDemand = perDayOf({ ...STAGE_DEMO, spot: false });
    expect(onDemand['Fargate vCPU']).toBeCloseTo(30 * 0.04048, 8);
    expect(onDemand['Fargate memory']).toBeCloseTo(60 * 0.004445, 8);
    expect(spot['Fargate Spot vCPU'] / onDemand['Fargate vCPU']).toBeCloseTo(0.3, 10);
    for (const item of ['CloudWatch Logs ingestion', 'Secrets Manager', 'Cloud Map', 'Database storage']) expect(onDemand[item]).toBe(spot[item]);
  });

  it('counts desired tasks: two web tasks double web\'s Fargate, logs and Cloud Map share', () => {
    const one = estimateEnvCost({ ...STAGE_DEMO, services: [{ name: 'web', cpu: 256, memory: 512 }], cloudMapInstances: 1 });
    const two = estimateEnvCost({ ...STAGE_DEMO, services: [{ name: 'web', cpu: 256, memory: 512, desiredCount: 2 }], cloudMapInstances: 2 });
    expect(two.lines[0].quantity).toBe(2 * one.lines[0].quantity);
    expect(two.lines[2].quantity).toBeCloseTo(0.1, 10);
  });

  it('has a database line only when the set has a database', () => {
    expect(estimateEnvCost(STAGE_DEMO).lines.filter((l) => l.item.startsWith('Database'))).toHaveLength(2);
    expect(estimateEnvCost({ ...STAGE_DEMO, database: false }).lines.filter((l) => l.item.startsWith('Database'))).toEqual([]);
  });

  it('gives an env without public routes no share of the load balancer', () => {
    const items = estimateEnvCost({ ...STAGE_DEMO, envsPerShard: Infinity }).lines.map((l) => l.item);
    expect(items.filter((i) => i.startsWith('Load balancer'))).toEqual([]);
  });

  it('charges an env too big for one shard a whole load balancer', () => {
    const line = estimateEnvCost({ ...STAGE_DEMO, envsPerShard: 0 }).lines.find((l) => l.item.startsWith('Load balancer share'));
    expect(line).toMatchObject({ item: 'Load balancer share (1/1)', quantity: 24 });
  });

  it('prices in the tier\'s region', () => {
    const us = perDayOf({ ...STAGE_DEMO, region: 'us-east-1' });
    expect(us['CloudWatch Logs ingestion']).toBeCloseTo(0.15 * 0.5, 8);
    expect(us['Load balancer share (1/20)']).toBeCloseTo(1.2 * 0.0225, 8);
    expect(us['Database storage']).toBeCloseTo(0.1 / 30.4, 8);
  });

  it('refuses a region the price table lacks', () => {
    expect(() => estimateEnvCost({ ...STAGE_DEMO, region: 'sa-east-1' })).toThrow(UserError);
    expect(() => estimateEnvCost({ ...STAGE_DEMO, region: 'sa-east-1' })).toThrow('no prices for region sa-east-1');
  });
});

describe('envCostInput', () => {
  const demo = (tier: Tier) => {
    const env = loadEnv({ tier, set: 'demo', selector: { kind: 'branch', branch: 'feature/x' } });
    const images = Object.fromEntries(env.set.services.map((s) => [s.name, `registry.example/${s.name}:placeholder`]));
    return { env, input: envCostInput(env.base, env.set, planServices({ base: env.base, set: env.set, env: env.name, images })) };
  };

  it('reads the stage demo set as the hand calculation above does', () => {
    // 4 routes and 1 "asleep" rule (stage sleeps; 3 hosts, up to 5 per rule) = 5 listener rules and 2
    // target groups: 100 / 5 = 20 envs a shard. Secrets: session-signing-key and the database credentials.
    const { input } = demo('stage');
    expect({ ...input, services: input.services.map((s) => ({ name: s.name, cpu: s.cpu, memory: s.memory, desiredCount: s.desiredCount })) }).toEqual({
      ...STAGE_DEMO,
      services: STAGE_DEMO.services.map((s) => ({ ...s, desiredCount: undefined })),
    });
  });

  it('runs Spot in stage only, as the env stack does', () => {
    expect(tierUsesSpot('stage')).toBe(true);
    expect(tierUsesSpot('prod')).toBe(false);
    const { input } = demo('prod');
    // prod demo: web and api 2 tasks each, worker 1; no sleep, so 4 rules a env: 25 a shard; no env secret.
    expect(input).toMatchObject({ spot: false, cloudMapInstances: 5, envsPerShard: 25, secrets: 1, database: true });
  });

  it('counts env secrets once each and the database secret only with a database', () => {
    const { env } = demo('stage');
    const shared = set(
      [
        service('a', { secrets: { TOKEN: { envSecret: 'token' }, SHARED: { secretsManager: 'team/shared' }, PARAM: { ssmParameter: '/x' } } }),
        service('b', { secrets: { TOKEN: { envSecret: 'token' }, OTHER: { envSecret: 'other' } } }),
      ],
    );
    const images = { a: 'registry.example/a:1', b: 'registry.example/b:1' };
    const planned = planServices({ base: env.base, set: shared, env: 'x', images });
    expect(envCostInput(env.base, shared, planned)).toMatchObject({ secrets: 2, database: false, cloudMapInstances: 2 });
    expect(envCostInput(env.base, { ...shared, database: {} }, planned)).toMatchObject({ secrets: 3, database: true });
  });
});
