import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Annotations, App } from 'cdktf';
import { StackSpec, stackSpec } from '../../src/stacks/catalog';
import { synthesize } from '../../src/synth/synthesize';
import { demoEnv } from '../helpers/demo-env';

/** The files of a folder, by relative path. */
function filesOf(dir: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  const visit = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) visit(rel);
      else files[rel] = fs.readFileSync(path.join(dir, rel));
    }
  };
  visit('');
  return files;
}

/** What synthesize did before its fast paths: CDKTF's own app.synth(), then the extra files. */
function stockSynth(specs: readonly StackSpec[], outdir: string): void {
  const app = new App({ outdir, stackTraces: false, skipValidation: true });
  for (const spec of specs) spec.build(app);
  app.synth();
  for (const spec of specs) for (const [name, content] of Object.entries(spec.files ?? {})) fs.writeFileSync(path.join(outdir, 'stacks', spec.id, name), content);
}

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-synth-test-'));

/** The global map CDKTF registers every token in (cdktf/lib/tokens/private/token-map). */
const tokenMap = () => (global as unknown as { __cdktfTokenMap: { stringTokenMap: Map<string, unknown>; numberTokenMap: Map<number, unknown> } }).__cdktfTokenMap;

describe('synthesize', () => {
  const cases: [string, () => StackSpec[]][] = [
    ['a stage env on shard 1', () => [demoEnv('stage').spec]],
    ['a stage env on shard 2', () => [demoEnv('stage', { shard: 2 }).spec]],
    ['a prod env on shard 2, local mode', () => [demoEnv('prod', { shard: 2, local: true }).spec]],
    ['two envs in one app (the preparing pass runs)', () => [demoEnv('stage', { branch: 'feature/a' }).spec, demoEnv('stage', { branch: 'feature/b', shard: 2 }).spec]],
    ['the bases and state buckets', () => [stackSpec('base', 'stage'), stackSpec('base', 'prod'), stackSpec('state-bucket', 'stage')]],
  ];

  it.each(cases)('writes the bytes CDKTF writes: %s', (_name, specs) => {
    const stock = temp();
    const ours = temp();
    stockSynth(specs(), stock);
    synthesize(specs(), ours);
    const expected = filesOf(stock);
    const actual = filesOf(ours);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    const text = (file: string, content: Buffer) => content.toString(file.endsWith('.json') ? 'utf8' : 'base64');
    for (const [file, content] of Object.entries(expected)) expect({ file, text: text(file, actual[file]) }).toEqual({ file, text: text(file, content) });
  });

  it('writes annotations into the manifest and stops on errors, as CDKTF does', () => {
    const annotated = (level: 'warning' | 'error'): StackSpec => ({
      ...demoEnv('stage').spec,
      build: (app) => {
        demoEnv('stage').spec.build(app);
        const stack = app.node.children[0];
        if (level === 'warning') Annotations.of(stack.node.children[0]).addWarning('look here');
        else Annotations.of(stack).addError('broken here');
      },
    });
    const stock = temp();
    const ours = temp();
    stockSynth([annotated('warning')], stock);
    synthesize([annotated('warning')], ours);
    expect(fs.readFileSync(path.join(ours, 'manifest.json'), 'utf8')).toContain('look here');
    expect(filesOf(ours)).toEqual(filesOf(stock));
    const failure = (run: () => void) => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    };
    const expected = failure(() => stockSynth([annotated('error')], temp()));
    expect(expected).toContain('broken here');
    expect(failure(() => synthesize([annotated('error')], temp()))).toBe(expected);
  });

  it('rewrites a longer earlier file to exactly the new bytes', () => {
    const out = temp();
    const [first] = synthesize([demoEnv('stage', { shard: 2 }).spec], out);
    fs.appendFileSync(first.file, ' '.repeat(10000));
    fs.appendFileSync(path.join(out, 'manifest.json'), ' '.repeat(10000));
    synthesize([demoEnv('stage', { shard: 2 }).spec], out);
    const stock = temp();
    stockSynth([demoEnv('stage', { shard: 2 }).spec], stock);
    expect(filesOf(out)).toEqual(filesOf(stock));
  });

  it('keeps no token of a synthesized app: the envs of a long run do not pile up in memory', () => {
    const out = temp();
    synthesize([demoEnv('stage').spec], out); // loads every module once
    const before = { strings: tokenMap().stringTokenMap.size, numbers: tokenMap().numberTokenMap.size };
    for (let i = 0; i < 3; i++) synthesize([demoEnv('stage', { branch: `feature/memory-${i}`, shard: 1 + i }).spec], out);
    expect({ strings: tokenMap().stringTokenMap.size, numbers: tokenMap().numberTokenMap.size }).toEqual(before);
  });

  it('forgets the tokens of a synthesis that fails, and the next one works', () => {
    const out = temp();
    const failing: StackSpec = {
      ...demoEnv('stage').spec,
      build: (app) => {
        demoEnv('stage').spec.build(app);
        throw new Error('broken definition');
      },
    };
    const before = tokenMap().stringTokenMap.size;
    expect(() => synthesize([failing], out)).toThrow('broken definition');
    expect(tokenMap().stringTokenMap.size).toBe(before);
    expect(() => synthesize([demoEnv('stage').spec], out)).not.toThrow();
  });
});
