import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { StackSpec } from '../stacks/catalog';

/** A stack written to disk. */
export interface SynthesizedStack {
  readonly id: string;
  /** Folder holding `cdk.tf.json`: `<outdir>/stacks/<id>`. */
  readonly dir: string;
  /** Path of the Terraform JSON. */
  readonly file: string;
}

/**
 * Builds only the given stacks, in this process, and writes each one's Terraform JSON to
 * `<outdir>/stacks/<id>/cdk.tf.json` (the layout `cdktf synth` uses).
 */
export function synthesize(specs: readonly StackSpec[], outdir: string): SynthesizedStack[] {
  if (specs.length === 0) throw new Error('nothing to synthesize: no stack was selected');
  // CDKTF's own validations cost ~50 ms per run; terraform validate (tests, plan) checks the result.
  const app = new App({ outdir, stackTraces: false, skipValidation: true });
  for (const spec of specs) spec.build(app);
  app.synth();
  return specs.map((spec) => {
    const dir = path.join(outdir, 'stacks', spec.id);
    for (const [name, content] of Object.entries(spec.files ?? {})) fs.writeFileSync(path.join(dir, name), content);
    return { id: spec.id, dir, file: path.join(dir, 'cdk.tf.json') };
  });
}
