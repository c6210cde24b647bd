import fc from 'fast-check';
import { formatTag, newestTagFor, parseTag, tagPrefixOf } from '../../src/tags/tag-convention';

describe('the tag convention <prefix>-<revision-count>-<sha>', () => {
  it('formats and parses back, even when the prefix has dashes and digits', () => {
    const tag = formatTag({ prefix: 'release-2-1', count: 42, sha: '1a2b3c4' });
    expect(tag).toBe('release-2-1-42-1a2b3c4');
    expect(parseTag(tag)).toEqual({ prefix: 'release-2-1', count: 42, sha: '1a2b3c4' });
  });

  it('round-trips for any branch, count and sha (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat({ max: 1e8 }), fc.stringMatching(/^[0-9a-f]{7,12}$/), (branch, count, sha) => {
        const prefix = tagPrefixOf(branch);
        return JSON.stringify(parseTag(formatTag({ prefix, count, sha }))) === JSON.stringify({ prefix, count, sha });
      }),
    );
  });

  it('ignores tags outside the convention', () => {
    expect(parseTag('latest')).toBeUndefined();
    expect(parseTag('v1.2.3')).toBeUndefined();
    expect(parseTag('develop-x-1a2b3c4')).toBeUndefined();
  });

  it('picks the highest revision count, as a number, for the exact prefix only', () => {
    const tags = ['feature-x-9-aaaaaaa', 'feature-x-10-bbbbbbb', 'feature-xy-99-ccccccc', 'feature-x-2-ddddddd', 'latest'];
    expect(newestTagFor('feature-x', tags)).toBe('feature-x-10-bbbbbbb');
    expect(newestTagFor('feature', tags)).toBeUndefined();
    expect(newestTagFor('feature-xy', tags)).toBe('feature-xy-99-ccccccc');
  });

  it('uses the env name of the branch as prefix', () => {
    expect(tagPrefixOf('feature/Login-Form')).toBe('feature-login-28bb00');
    expect(tagPrefixOf('develop')).toBe('develop');
  });
});
