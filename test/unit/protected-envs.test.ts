import fc from 'fast-check';
import { DEFAULT_PROTECTED_ENVS, protectedEnvNames } from '../../src/env/protected-envs';
import { envNameOf } from '../../src/names/env-name';

describe('protected envs', () => {
  it.each([undefined, '', '   ', ',', ' , ,'])('fall back to the default list for %j, never to none', (setting) => {
    expect(protectedEnvNames(setting)).toEqual(expect.arrayContaining([...DEFAULT_PROTECTED_ENVS]));
  });

  it('trim entries and compare them as env names, whatever their case', () => {
    const names = protectedEnvNames(' Develop , release/1.0,staging ');
    expect(names).toEqual(expect.arrayContaining(['develop', 'staging']));
    expect(names.some((n) => n.startsWith('release-1-0-'))).toBe(true);
    expect(names).not.toContain('main');
  });

  it('always protect the env of every listed branch (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0 && !s.includes(',')), { minLength: 1, maxLength: 5 }), (entries) => {
        const names = protectedEnvNames(entries.map((e) => ` ${e} `).join(','));
        for (const entry of entries) expect(names).toContain(envNameOf(entry.trim()));
      }),
    );
  });
});
