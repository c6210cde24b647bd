import { ownerBranch } from '../../src/env/env-owner';
import { nameOf } from '../../src/env/env-target';
import { envNameOf } from '../../src/names/env-name';
import { collidingBranches } from '../helpers/colliding-branches';

describe('the owner of an env', () => {
  const where = 'stage/demo';

  it('refuses a branch whose env name is already owned by another branch, naming both and what to do', () => {
    const [first, second] = collidingBranches();
    expect(first).not.toBe(second);
    expect(envNameOf(first)).toBe(envNameOf(second));
    const named = nameOf({ kind: 'branch', branch: second });
    const act = () => ownerBranch({ named, where, recorded: first, creates: true });
    expect(act).toThrow(`env ${named.name} in stage/demo belongs to branch "${first}", not to "${second}"`);
    try {
      act();
    } catch (error) {
      expect((error as { hint: string }).hint).toMatch(/rename the branch/);
    }
  });

  it('accepts the branch the env records, and a new env for the branch asked for', () => {
    const named = nameOf({ kind: 'branch', branch: 'feature/Login-Form' });
    expect(ownerBranch({ named, where, recorded: 'feature/Login-Form', creates: true })).toBe('feature/Login-Form');
    expect(ownerBranch({ named, where, recorded: undefined, creates: true })).toBe('feature/Login-Form');
  });

  it('takes the recorded branch when the env was named by its name', () => {
    const named = nameOf({ kind: 'name', name: 'feature-login-28bb00' });
    expect(ownerBranch({ named, where, recorded: 'feature/Login-Form', creates: true })).toBe('feature/Login-Form');
  });

  it('refuses to create an env from a hashed name with no state, and lets drop and show go on', () => {
    const named = nameOf({ kind: 'name', name: 'feature-login-28bb00' });
    expect(() => ownerBranch({ named, where, recorded: undefined, creates: true })).toThrow(/no env named feature-login-28bb00 has state in stage\/demo/);
    expect(ownerBranch({ named, where, recorded: undefined, creates: false })).toBe('feature-login-28bb00');
  });
});
