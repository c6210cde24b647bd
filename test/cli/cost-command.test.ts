/**
 * `env cost` through the real entry (scripts/env): the stage demo set's estimate as a table and as
 * JSON, from the definitions alone. Every AWS endpoint points at a closed port and no credentials
 * exist, so any AWS or registry call would fail the command.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PRICES_AS_OF } from '../../src/cost/prices';
import { runEnvScript } from '../helpers/env-script';
import { gitCheckout } from '../helpers/git-checkout';

const NO_AWS = {
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  AWS_ACCESS_KEY_ID: '',
  AWS_SECRET_ACCESS_KEY: '',
  AWS_PROFILE: 'branchenv-test-no-such-profile',
  AWS_CONFIG_FILE: '/nonexistent',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
};
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-cost-'));
const env = (args: string[], options: { cwd?: string } = {}) => runEnvScript(args, { cwd: options.cwd ?? cwd, env: NO_AWS });

describe('env cost', () => {
  it('prints the stage demo env`s lines, totals, assumptions and the date of the prices', () => {
    const result = env(['cost', 'feature-x', '--set', 'demo']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`Estimated cost of env feature-x (stage, set demo) in eu-west-1, USD at list prices as of ${PRICES_AS_OF}:`);
    expect(lines[2]).toMatch(/^item +quantity {2}unit +per day$/);
    expect(result.stdout).toMatch(/^Fargate Spot vCPU +30 {2}vCPU-hours\/day +\$0\.3643$/m);
    expect(result.stdout).toMatch(/^Fargate Spot memory +60 {2}GB-hours\/day +\$0\.0800$/m);
    expect(result.stdout).toMatch(/^Load balancer share \(1\/20\) +1\.20 {2}ALB-hours\/day +\$0\.0302$/m);
    expect(result.stdout).toMatch(/^Database storage +1 {2}GB +\$0\.0036$/m);
    expect(result.stdout).toContain('\ntotal: $0.61 per day, $18.53 per month (30.4 days)\n');
    expect(result.stdout).toContain('\nAssumptions:\n  - every service runs its desired task count 24 hours a day');
    expect(result.stdout).toContain('Prices: src/cost/prices.ts, AWS list prices as last known; check them against https://aws.amazon.com/fargate/pricing/');
  });

  it('gives the same estimate as JSON with the region and the date of the prices', () => {
    const result = env(['cost', 'feature-x', '--set', 'demo', '--json']);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ env: 'feature-x', tier: 'stage', set: 'demo', region: 'eu-west-1', pricesAsOf: PRICES_AS_OF, currency: 'USD', spot: true, perDay: 0.61, perMonth: 18.53 });
    expect(json.lines).toHaveLength(9);
    expect(json.lines[0]).toEqual({ item: 'Fargate Spot vCPU', quantity: 30, unit: 'vCPU-hours/day', perDay: 0.3643 });
    expect(json.lines.map((l: { item: string }) => l.item)).toContain('Database storage');
    expect(json.assumptions.length).toBeGreaterThan(3);
    expect(json.sources.fargate).toBe('https://aws.amazon.com/fargate/pricing/');
  });

  it('prices prod on demand', () => {
    const json = JSON.parse(env(['cost', 'feature-x', '--set', 'demo', '--tier', 'prod', '--json']).stdout);
    expect(json).toMatchObject({ tier: 'prod', spot: false, perDay: 2.58 });
    expect(json.lines[0].item).toBe('Fargate vCPU');
  });

  it('names the env of the checked-out branch by default', () => {
    const result = env(['cost', '--set', 'demo'], { cwd: gitCheckout('feature/Login-Form') });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Estimated cost of env feature-login-28bb00 \(stage, set demo\)/);
  });

  it('refuses an unknown set, and is listed with the commands that operate an env', () => {
    const result = env(['cost', 'feature-x', '--set', 'nope']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^env: .*nope/);
    expect(env(['--help']).stdout).toMatch(/Operate an env:[\s\S]*\n {2}cost +Estimate what an env costs per day/);
  });
});
