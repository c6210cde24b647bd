import { App, Fn, Lazy, TerraformStack, Token } from 'cdktf';
import { Resolve, withPlainFastPath } from '../../src/synth/plain-values';

// The resolve TerraformStack uses for its elements and its merged document.
const cdktfResolve = (require('cdktf/lib/_tokens') as { resolve: Resolve }).resolve;
const fast = withPlainFastPath(cdktfResolve);

/** A fresh stack and the values to resolve in it (tokens must be created after the stack's app). */
function inStack<T>(make: (stack: TerraformStack) => T): { stack: TerraformStack; value: T } {
  const stack = new TerraformStack(new App({ stackTraces: false }), 'plain');
  return { stack, value: make(stack) };
}

const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (error) {
    // The two stacks number their tokens apart.
    return { error: (error as Error).message.replace(/TOKEN\.\d+/g, 'TOKEN.n') };
  }
};

describe('withPlainFastPath', () => {
  const cases: [string, (stack: TerraformStack) => unknown][] = [
    ['plain data, undefined dropped from objects and lists', () => ({ a: 'x', b: undefined, c: [1, undefined, 'y', null, true], d: { e: {} }, f: [] })],
    ['string tokens alone and inside strings', () => ({ id: Token.asString(Lazy.stringValue({ produce: () => 'v' })), text: `before ${Fn.upper('x')} after` })],
    ['escaped template sequences beside tokens', () => ({ s: `$\${literal} and ${Fn.lower('A')}`, t: '${not.a.token}', u: 'a }} b ${{' })],
    ['strings CDKTF scans for numbers', () => ({ hash: 'feature-b242e4', exp: ['1e5', '-1e400', '|e|', '1e-7e+3'], mixed: `3e+2 ${Token.asNumber(Lazy.numberValue({ produce: () => 4 }))}` })],
    ['a number token in a string (an error once its token is gone)', () => ({ s: `n=${-8.109562212591379e298}` })],
    ['number tokens, alone and in lists', () => ({ n: Token.asNumber(Lazy.numberValue({ produce: () => 7 })), l: Token.asNumberList(Lazy.anyValue({ produce: () => [1, 2] })), plain: [1.5, -0, Number.MAX_VALUE, -1e300] })],
    ['list tokens, alone and among plain elements (an error)', () => ({ l: Token.asList(Lazy.anyValue({ produce: () => ['a', 'b'] })), m: ['x', ...Token.asList(Fn.split(',', 'a,b'))] })],
    ['map tokens and token keys', () => ({ m: Token.asStringMap(Lazy.anyValue({ produce: () => ({ k: 'v' }) })), [Token.asString(Lazy.stringValue({ produce: () => 'key' }))]: 1 })],
    ['resolvables nested in plain data', () => ({ deep: [{ x: Lazy.anyValue({ produce: () => ({ y: [undefined, 'z'] }) }) }] })],
    ['dates, booleans and null', () => ({ d: new Date(0), t: true, f: false, n: null })],
    // eslint-disable-next-line no-sparse-arrays
    ['holes and undefined late in lists and objects', () => ({ l: [1, 2, , 4], u: ['a', 'b', undefined], o: { a: 1, b: 2, c: undefined } })],
    ['objects that are not plain: copied as CDKTF copies them', () => ({ c: new (class Box { v = 1; toJSON() { return 'box'; } })(), n: Object.assign(Object.create(null) as object, { k: 'v' }) })],
    ['a construct (an error)', (stack) => ({ c: stack })],
    ['a function (an error)', () => ({ f: () => 1 })],
    ['a list token in a string context (an error)', () => ({ s: Token.asList(Lazy.anyValue({ produce: () => ['a'] }))[0] + 'x' })],
  ];

  it.each(cases)('resolves as CDKTF does: %s', (_name, make) => {
    const cdktf = inStack(make);
    const ours = inStack(make);
    expect(outcome(() => fast(ours.stack, ours.value))).toStrictEqual(outcome(() => cdktfResolve(cdktf.stack, cdktf.value)));
  });

  it('returns plain data as it is, without asking CDKTF', () => {
    const calls: unknown[] = [];
    const counting = withPlainFastPath((scope, obj, preparing) => {
      calls.push(obj);
      return cdktfResolve(scope, obj, preparing);
    });
    const { stack } = inStack(() => undefined);
    const plain = { name: 'demo-feature-b242e4', ports: [80, 443], tags: { a: 'b', size: '1e5' } };
    expect(counting(stack, plain)).toBe(plain);
    expect(calls).toEqual([]);
  });
});
