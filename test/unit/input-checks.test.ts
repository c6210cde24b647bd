import { checkInput, emptyValues, flagsWithoutValue } from '../../src/cli/input-checks';

const options = {
  key: { help: true, debug: true, json: true, target: true, tag: true, image: true, tier: true, 'fallback-branch': true, pr: true },
  boolean: ['help', 'debug', 'json'],
  count: [],
  demandedOptions: { pr: true },
};

describe('flags without a value', () => {
  it.each([
    [['plan', '--tag'], ['--tag']],
    [['plan', '--tag', '--json'], ['--tag']],
    [['plan', '--tier', '--tag=x'], ['--tier']],
    [['plan', '--image='], ['--image']],
    [['plan', '--fallbackBranch', ''], ['--fallback-branch']],
    [['plan', '--json', '--tag', 'x', '--pr', '-1'], []],
    [['plan', '--json', '--debug'], []],
    [['plan', '--out', 'x', '--no-json'], []],
    [['plan', '--', '--tag'], []],
  ])('%j → %j', (tokens, missing) => {
    expect(flagsWithoutValue(tokens, options)).toEqual(missing);
  });
});

describe('empty values', () => {
  it('names each option once, in kebab case, including array elements', () => {
    expect(emptyValues({ _: [''], $0: 'env', tag: '', 'fallback-branch': '', fallbackBranch: '', image: ['a', ''], json: false })).toEqual([
      'tag',
      'fallback-branch',
      'image',
    ]);
  });
});

describe('checkInput', () => {
  const refusal = (tokens: string[], argv: Record<string, unknown>) => {
    try {
      checkInput(tokens, { _: [], ...argv }, options);
    } catch (error) {
      return `${(error as Error).message} | ${(error as { hint?: string }).hint}`;
    }
    return undefined;
  };

  it('names the flag, and does not offer to leave out a required one', () => {
    expect(refusal(['comment', '--pr'], {})).toBe('--pr needs a value | give it one, e.g. --pr <value>; see --help');
    expect(refusal(['plan', '--tag'], { tag: '' })).toMatch(/^--tag needs a value \| .*or leave the flag out/);
  });

  it('leaves an empty positional argument to the command, and names an empty default', () => {
    expect(refusal(['plan', ''], { target: '' })).toBeUndefined();
    expect(refusal(['plan'], { 'fallback-branch': '' })).toMatch(/^--fallback-branch \(its default\): empty value/);
  });

  it('refuses arguments after --', () => {
    expect(refusal(['plan', '--', 'a', 'b'], { '--': ['a', 'b'] })).toMatch(/^unexpected arguments after --: a b/);
    expect(refusal(['plan', 'x'], { target: 'x', '--': [] })).toBeUndefined();
  });
});
