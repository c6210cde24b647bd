import fc from 'fast-check';
import { imageReferenceProblem, imageTagProblem, parseImageReference } from '../../src/env/image-reference';

// Generators that follow the distribution/reference grammar (github.com/distribution/reference, regexp.go).
const lowerAlnum = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const separator = fc.constantFrom('.', '_', '__', '-', '--');
const pathComponent = fc
  .tuple(lowerAlnum, fc.array(fc.tuple(separator, lowerAlnum), { maxLength: 2 }))
  .map(([head, rest]) => head + rest.map(([s, a]) => s + a).join(''));
/** The last component has a letter, so that it can be upper-cased. */
const lastComponent = fc.tuple(pathComponent, fc.stringMatching(/^[a-z]$/)).map(([c, letter]) => c + letter);
const domainComponent = fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,6}[a-zA-Z0-9])?$/);
const domain = fc
  .tuple(fc.array(domainComponent, { minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
  .map(([parts, port]) => `${parts.join('.')}${port !== undefined ? `:${port}` : ''}`);
const tag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$/);
const digest = fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`);

interface Parts {
  domain?: string;
  path: string[];
  tag?: string;
  digest?: string;
}
const parts: fc.Arbitrary<Parts> = fc.record(
  {
    domain,
    path: fc.tuple(fc.array(pathComponent, { maxLength: 2 }), lastComponent).map(([head, last]) => [...head, last]),
    tag,
    digest,
  },
  { requiredKeys: ['path'] },
);
const build = (p: Parts) => `${p.domain ? `${p.domain}/` : ''}${p.path.join('/')}${p.tag !== undefined ? `:${p.tag}` : ''}${p.digest ? `@${p.digest}` : ''}`;
const validRef = parts.map(build);

describe('image references (distribution/reference grammar)', () => {
  it('accepts every reference the grammar produces, and parses it back into its parts', () => {
    fc.assert(
      fc.property(parts, (p) => {
        const ref = build(p);
        expect(imageReferenceProblem(ref)).toBeUndefined();
        const parsed = parseImageReference(ref);
        expect(parsed?.tag).toBe(p.tag);
        expect(parsed?.digest).toBe(p.digest);
        expect(parsed?.name).toBe(`${p.domain ? `${p.domain}/` : ''}${p.path.join('/')}`);
      }),
    );
  });

  it('accepts the references the project ships and documents', () => {
    for (const ref of [
      'nginx',
      'nginx:1.27',
      'envoyproxy/envoy:v1.31.6',
      'public.ecr.aws/nginx/nginx:1.27',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/demo/api:feature-login-28bb00-12-abc1234',
      'localhost:5000/demo/web',
      '127.0.0.1:5000/demo/web:main-1-abc',
      '[::1]:5000/demo/web:x',
      `fluent/fluent-bit:3.1@sha256:${'a'.repeat(64)}`,
    ]) {
      expect([ref, imageReferenceProblem(ref)]).toEqual([ref, undefined]);
    }
  });

  it.each(['$', '{', '}', '%', ' ', '\t', '\n', '"', '`', '\\'])('refuses a reference containing %j, naming the character', (bad) => {
    fc.assert(
      fc.property(validRef, fc.nat(), (ref, at) => {
        const i = at % (ref.length + 1);
        const broken = ref.slice(0, i) + bad + ref.slice(i);
        const problem = imageReferenceProblem(broken);
        expect(problem).toContain(JSON.stringify(bad));
        expect(parseImageReference(broken)).toBeUndefined();
      }),
    );
  });

  it('refuses template syntax meant for Terraform', () => {
    expect(imageReferenceProblem('nginx:${var.tag}')).toMatch(/contains "\$"/);
    expect(imageReferenceProblem('%{if true}nginx%{endif}')).toMatch(/contains "%"/);
  });

  it('refuses an upper-case repository path, saying to write it in lower case', () => {
    fc.assert(
      fc.property(parts, fc.nat(), (p, at) => {
        const last = p.path[p.path.length - 1];
        const letters = [...last].map((c, i) => (/[a-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
        const i = letters[at % letters.length];
        const upper = { ...p, path: [...p.path.slice(0, -1), last.slice(0, i) + last[i].toUpperCase() + last.slice(i + 1)] };
        expect(imageReferenceProblem(build(upper))).toMatch(/lower case/);
      }),
    );
    expect(imageReferenceProblem('demo/API:1')).toBe('repository path "demo/API" must be lower case: write demo/api');
  });

  it('refuses an empty tag, an empty reference, a bad digest and an over-long name', () => {
    fc.assert(fc.property(parts, (p) => void expect(imageReferenceProblem(`${build({ ...p, tag: undefined, digest: undefined })}:`)).toMatch(/empty tag/)));
    expect(imageReferenceProblem('nginx:@sha256:' + 'a'.repeat(64))).toMatch(/empty tag/);
    expect(imageReferenceProblem('')).toMatch(/is empty/);
    expect(imageReferenceProblem('nginx@sha256:abc')).toMatch(/digest "sha256:abc"/);
    expect(imageReferenceProblem('nginx@')).toMatch(/digest/);
    expect(imageReferenceProblem(`a/${'b'.repeat(254)}:1`)).toMatch(/256 characters; the limit is 255/);
    expect(imageReferenceProblem(`nginx:${'t'.repeat(129)}`)).toMatch(/tag .* 129 characters/);
    expect(imageReferenceProblem('nginx:-bad')).toMatch(/tag "-bad"/);
    expect(imageReferenceProblem('demo//web')).toMatch(/not an image reference/);
  });

  it('checks a tag alone (the --tag flag)', () => {
    fc.assert(fc.property(tag, (t) => void expect(imageTagProblem(t)).toBeUndefined()));
    expect(imageTagProblem('')).toMatch(/empty/);
    expect(imageTagProblem('main-1-${x}')).toMatch(/contains "\$"/);
    expect(imageTagProblem('.hidden')).toMatch(/starts with "\."/);
  });
});
