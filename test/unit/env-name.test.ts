import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { envNameOf, isValidEnvName, MAX_ENV_NAME_LENGTH } from '../../src/names/env-name';

describe('env names', () => {
  it('keep a branch name that already is a valid env name', () => {
    expect(envNameOf('develop')).toBe('develop');
    expect(envNameOf('feature-login')).toBe('feature-login');
    expect(envNameOf('infra1')).toBe('infra1');
  });

  it.each([
    ['feature/Login-Form', /^feature-login-[0-9a-f]{6}$/],
    ['Feature/ÄÖ_ü', /^feature-ao-u-[0-9a-f]{6}$/],
    ['123-fix', /^fix-[0-9a-f]{6}$/],
    ['--lead', /^lead-[0-9a-f]{6}$/],
    ['', /^env-[0-9a-f]{6}$/],
    ['///', /^env-[0-9a-f]{6}$/],
    ['x'.repeat(200), /^x{13}-[0-9a-f]{6}$/],
  ])('clean %j into a valid name with a hash of the original', (branch, expected) => {
    const name = envNameOf(branch);
    expect(name).toMatch(expected);
    expect(isValidEnvName(name)).toBe(true);
  });

  it('keep branches apart that clean to the same text', () => {
    const names = ['a/b', 'a-b', 'A-B', 'a_b', 'a--b', 'x'.repeat(200), 'x'.repeat(201), 'Feature/ÄÖ_ü', 'feature/ao-u'].map((b) => envNameOf(b));
    expect(new Set(names).size).toBe(names.length);
  });

  it('give a valid env name for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (branch) => {
        const name = envNameOf(branch);
        return isValidEnvName(name) && name.length <= MAX_ENV_NAME_LENGTH;
      }),
      { numRuns: 2000 },
    );
  });

  it('give distinct env names to distinct branches (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), (a, b) => {
        fc.pre(a !== b);
        return envNameOf(a) !== envNameOf(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('hash a branch that already looks like a hashed name, so it cannot meet one', () => {
    const hashedLookalike = envNameOf('feature/Login-Form');
    expect(envNameOf(hashedLookalike)).not.toBe(hashedLookalike);
    expect(envNameOf(hashedLookalike)).toMatch(/^feature-login-[0-9a-f]{6}$/);
  });

  it('is a pure function: the same branch always gives the same name', () => {
    expect(envNameOf('feature/Login-Form')).toBe(envNameOf('feature/Login-Form'));
  });
});

describe('the README table of env names', () => {
  it('says what the name function really does', () => {
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const section = readme.split('## Env names')[1].split('\n## ')[0];
    const rows = [...section.matchAll(/^\| `([^`]*)`[^|]*\| `([^`]+)` \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const [branch, env] of rows) expect(envNameOf(branch)).toBe(env);
  });
});
