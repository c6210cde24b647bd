import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, ISynthesisSession, Manifest, TerraformStack } from 'cdktf';
import { StackSpec } from '../stacks/catalog';
import { inSynthesisScope } from './cdktf-scope';
import { JsonStackSynthesizer } from './json-stack-synthesizer';
import { stableJson, writeInPlace } from './stable-json';

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
  inSynthesisScope(() => {
    // CDKTF's own validations cost ~50 ms per run; terraform validate (tests, plan) checks the result.
    const app = new App({ outdir, stackTraces: false, skipValidation: true });
    for (const spec of specs) spec.build(app);
    synthApp(app);
  });
  return specs.map((spec) => {
    const dir = path.join(outdir, 'stacks', spec.id);
    for (const [name, content] of Object.entries(spec.files ?? {})) fs.writeFileSync(path.join(dir, name), content);
    return { id: spec.id, dir, file: path.join(dir, 'cdk.tf.json') };
  });
}

/**
 * `app.synth()` without validations and, for an app of one stack, without the preparing pass:
 * that pass resolves every element of every stack once more only to find references between
 * stacks (and add the outputs and remote states they need), and one stack has none. The stacks'
 * JSON and the manifest are written in place, with the bytes CDKTF writes (see stable-json).
 */
function synthApp(app: App): void {
  const stacks = app.node.findAll().filter(TerraformStack.isStack);
  for (const stack of stacks) {
    if (stacks.length > 1) stack.prepareStack();
    else stack.ensureBackendExists();
  }
  const session: ISynthesisSession = { outdir: app.outdir, skipValidation: true, manifest: app.manifest };
  for (const stack of stacks) {
    JsonStackSynthesizer.install(stack);
    stack.synthesizer.synthesize(session);
  }
  writeInPlace(path.join(app.outdir, Manifest.fileName), stableJson(app.manifest.buildManifest()));
}
