import fc from 'fast-check';
import { nameOf, selectorOf } from '../../src/env/env-target';
import { UserError } from '../../src/errors/user-error';
import { envNameOf, hasHashSuffix } from '../../src/names/env-name';
import { envStateKey } from '../../src/names/state-keys';

const noGit = () => {
  throw new Error('git asked');
};
const branch = fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }).filter((b) => b.trim().length > 0 && !b.startsWith('-'));

describe('naming an env on the command line', () => {
  it('takes back every env name the tool prints as that env, reaching the same state key (property)', () => {
    fc.assert(
      fc.property(branch, (b) => {
        const printed = nameOf(selectorOf(undefined, b, noGit)).name;
        expect(printed).toBe(envNameOf(b));
        const again = nameOf(selectorOf(printed, undefined, noGit));
        expect(again.name).toBe(printed);
        expect(envStateKey('stage', 'demo', again.name)).toBe(envStateKey('stage', 'demo', envNameOf(b)));
        // Given back once more (reap hands the name of a state to drop): still the same env.
        expect(nameOf(selectorOf(again.name, undefined, noGit)).name).toBe(printed);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes a printed hashed name as that env, not as a branch to name again', () => {
    const named = nameOf(selectorOf('feature-login-28bb00', undefined, noGit));
    expect(named).toEqual({ name: 'feature-login-28bb00', branch: undefined });
    expect(envNameOf('feature-login-28bb00')).not.toBe('feature-login-28bb00');
  });

  it('names a branch through the name function when it is not an env name, or given with --branch', () => {
    expect(nameOf(selectorOf('feature/Login-Form', undefined, noGit))).toEqual({ name: 'feature-login-28bb00', branch: 'feature/Login-Form' });
    const literal = nameOf(selectorOf(undefined, 'feature-login-28bb00', noGit));
    expect(literal.branch).toBe('feature-login-28bb00');
    expect(literal.name).not.toBe('feature-login-28bb00');
    expect(hasHashSuffix(literal.name)).toBe(true);
  });

  it('keeps names that are their own branch (develop): the owner is the name itself', () => {
    expect(nameOf(selectorOf('develop', undefined, noGit))).toEqual({ name: 'develop', branch: 'develop' });
  });

  it('uses the checked-out branch when nothing is named', () => {
    expect(nameOf(selectorOf(undefined, undefined, () => 'feature/Login-Form')).name).toBe('feature-login-28bb00');
  });

  it.each([
    [['x', 'y'], /both an env \(x\) and --branch y/],
    [[undefined, ''], /--branch is empty/],
    [[undefined, '-x'], /starts with "-".*misplaced flag/],
    [['-Login', undefined], /starts with "-"/],
  ] as const)('refuses %j clearly', ([argument, flag], message) => {
    expect(() => selectorOf(argument, flag, noGit)).toThrow(UserError);
    expect(() => selectorOf(argument, flag, noGit)).toThrow(message);
  });
});
