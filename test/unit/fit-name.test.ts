import fc from 'fast-check';
import { FIT_HASH_LENGTH, fitName } from '../../src/names/fit-name';
import { serviceNames } from '../../src/names/env-resource-names';
import { envNameOf, MAX_ENV_NAME_LENGTH } from '../../src/names/env-name';

const label = fc.stringMatching(/^[a-z][a-z0-9-]{0,40}[a-z0-9]$/);

describe('fitName', () => {
  it('keeps a name that fits exactly as it is, so existing envs are never renamed', () => {
    fc.assert(fc.property(label, fc.integer({ min: 42, max: 80 }), (name, limit) => fitName(name, limit) === name));
  });

  it('shortens a name that does not fit to at most the limit, keeping the suffix and the characters it had', () => {
    fc.assert(
      fc.property(label, fc.constantFrom('', '-exec', '-task'), fc.integer({ min: 20, max: 40 }), (name, suffix, limit) => {
        const readable = `${name}${suffix}`;
        const fitted = fitName(readable, limit, { suffix });
        expect(fitted.length).toBeLessThanOrEqual(limit);
        expect(fitted.endsWith(suffix)).toBe(true);
        expect(fitted).toMatch(/^[a-z0-9-]+$/);
        if (readable.length > limit) expect(fitted).toMatch(new RegExp(`-[0-9a-f]{${FIT_HASH_LENGTH}}${suffix}$`));
        expect(fitName(readable, limit, { suffix })).toBe(fitted);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives distinct readable names distinct shortened names', () => {
    fc.assert(
      fc.property(fc.uniqueArray(label, { minLength: 2, maxLength: 50 }), (names) => {
        const fitted = names.map((n) => fitName(`shop-feature-login-28bb00--${n}`, 32));
        expect(new Set(fitted).size).toBe(names.length);
      }),
    );
  });

  it('refuses a limit that leaves no room for the hash and the suffix', () => {
    expect(() => fitName(`${'a'.repeat(20)}-exec`, 12, { suffix: '-exec' })).toThrow(/cannot be shortened to 12 characters/);
  });
});

describe('AWS names of a service', () => {
  it('fit their limits for every set (1-10), service (2-20) and env name, and keep the readable name', () => {
    const set = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
    const service = fc.stringMatching(/^[a-z][a-z0-9]{1,19}$/);
    fc.assert(
      fc.property(set, service, fc.string({ maxLength: 60 }), (setName, serviceName, branch) => {
        const env = envNameOf(branch);
        expect(env.length).toBeLessThanOrEqual(MAX_ENV_NAME_LENGTH);
        const names = serviceNames({ tier: 'stage', set: setName, env }, serviceName);
        for (const name of Object.values(names)) {
          expect(name.value.length).toBeLessThanOrEqual(name.limit);
          expect(name.readable).toContain(`${setName}-${env}`);
        }
        expect(names.targetGroup.readable).toBe(`${setName}-${env}--${serviceName}`);
        expect(names.executionRole.value).not.toBe(names.taskRole.value);
      }),
      { numRuns: 1000 },
    );
  });

  it('shortens the target group of a shop set`s storefront service instead of refusing it', () => {
    const names = serviceNames({ tier: 'stage', set: 'shop', env: 'feature-login-28bb00' }, 'storefront');
    expect(names.targetGroup.readable).toBe('shop-feature-login-28bb00--storefront');
    expect(names.targetGroup.value).toMatch(/^shop-feature-login-28bb-[0-9a-f]{8}$/);
    expect(names.targetGroup.value).toHaveLength(32);
    expect(names.ecsService.value).toBe('shop-feature-login-28bb00--storefront');
  });
});
