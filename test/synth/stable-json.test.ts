import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stableJson, writeInPlace } from '../../src/synth/stable-json';

// The serializer CDKTF writes cdk.tf.json and manifest.json with (a dependency of cdktf).
const stringify = require(require.resolve('json-stable-stringify', { paths: [path.dirname(require.resolve('cdktf'))] })) as (value: unknown, options: { space: number }) => string;

describe('stableJson', () => {
  const values: [string, unknown][] = [
    ['nested objects with keys to sort', { b: { d: 1, c: [true, false] }, a: 'x', '"quoted"': 'y' }],
    ['empty lists and objects at every depth', { a: [], b: {}, c: [[], {}, [[]]], d: { e: { f: [] } } }],
    ['undefined and functions: dropped from objects, null in lists', { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol('s')] }],
    ['values with toJSON', { d: new Date(0), n: { toJSON: () => ({ z: 1, y: [] }) } }],
    ['numbers and escapes', { n: [0, -0, 1.5e300, -1e-7, NaN, Infinity], s: 'a"b\\c\n\u2028é€😀' }],
    ['keys that look like numbers', { '10': 1, '2': 2, '1a': 3, a: 4, '': 5 }],
    ['a top-level list', [{ b: 1, a: 2 }, 'x']],
    ['a top-level string', 'text'],
    ['null', null],
  ];

  it.each(values)('writes what json-stable-stringify writes: %s', (_name, value) => {
    expect(stableJson(value)).toBe(stringify(value, { space: 2 }));
  });
});

describe('writeInPlace', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-in-place-'));

  it('creates a missing file', () => {
    writeInPlace(path.join(dir, 'new.json'), 'fresh');
    expect(fs.readFileSync(path.join(dir, 'new.json'), 'utf8')).toBe('fresh');
  });

  it('leaves exactly the new bytes over a longer or shorter file', () => {
    const file = path.join(dir, 'over.json');
    fs.writeFileSync(file, 'x'.repeat(5000));
    writeInPlace(file, 'short é');
    expect(fs.readFileSync(file, 'utf8')).toBe('short é');
    writeInPlace(file, 'y'.repeat(7000));
    expect(fs.readFileSync(file, 'utf8')).toBe('y'.repeat(7000));
  });
});
