import { Tier } from '../../src/definitions/base-definition';
import { envSpec, loadEnv, PreparedEnv } from '../../src/env/prepare-env';
import { repositoryAddress } from '../../src/env/image-reference';
import { envStackId } from '../../src/names/stack-ids';

export const DEMO_TAG = 'feature-login-28bb00-12-abc1234';

/** The demo set's env for a fixed branch, tag, commit and clock: what the tests synthesize. */
export function demoEnv(
  tier: Tier,
  options: { local?: boolean; branch?: string; set?: string; renameSetTo?: string; shard?: number } = {},
): PreparedEnv & { images: Record<string, string> } {
  const loaded = loadEnv({ tier, set: options.set ?? 'demo', selector: { kind: 'branch', branch: options.branch ?? 'feature/Login-Form' } });
  // The demo services under another set name: long set names give AWS names that must be shortened.
  const env = options.renameSetTo
    ? { ...loaded, set: { ...loaded.set, name: options.renameSetTo }, id: envStackId(tier, options.renameSetTo, loaded.name) }
    : loaded;
  const registry = env.set.registry ?? env.base.registry;
  const images = Object.fromEntries(
    env.set.services.map((s) => [s.name, 'fixed' in s.image ? s.image.fixed : `${repositoryAddress(registry, s.image.repository)}:${DEMO_TAG}`]),
  );
  return { ...envSpec(env, { images, commit: 'abc1234', createdBy: 'jest', now: new Date('2026-11-22T00:00:00Z'), local: options.local ?? false, shard: options.shard }), images };
}
