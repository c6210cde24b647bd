import { Tier } from '../../src/definitions/base-definition';
import { PreparedEnv, prepareEnv } from '../../src/env/prepare-env';

/** The demo set's env for a fixed branch, tag, commit and clock: what the tests synthesize. */
export function demoEnv(tier: Tier, options: { local?: boolean; branch?: string; set?: string } = {}): PreparedEnv {
  return prepareEnv({
    tier,
    set: options.set ?? 'demo',
    branch: options.branch ?? 'feature/Login-Form',
    imageOverrides: {},
    tag: 'feature-login-28bb00-12-abc1234',
    local: options.local ?? false,
    commit: 'abc1234',
    createdBy: 'jest',
    now: new Date('2026-11-22T00:00:00Z'),
  });
}
