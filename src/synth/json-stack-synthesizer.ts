/**
 * CDKTF's StackSynthesizer for a JSON stack, step for step (aspects, custom synthesis, annotations
 * into the manifest, errors, the stack's Terraform JSON), except how the JSON is written: with
 * stable-json's faster serializer of the same bytes, in place (see stable-json). Installed by
 * synthesize for stacks that use the stock synthesizer without HCL output, when validations are
 * skipped (otherwise the stock synthesizer runs).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnnotationMetadataEntryType, ISynthesisSession, TerraformStack } from 'cdktf';
import { encounteredAnnotationWithLevelError } from 'cdktf/lib/errors';
import { invokeAspects, StackSynthesizer } from 'cdktf/lib/synthesize/synthesizer';
import { ConstructOrder, IConstruct } from 'constructs';
import { stableJson, writeInPlace } from './stable-json';

/** Where CDKTF keeps a construct's custom synthesis (`addCustomSynthesis`), e.g. a TerraformAsset's copy. */
const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');
const ANNOTATION_TYPES: readonly string[] = [AnnotationMetadataEntryType.INFO, AnnotationMetadataEntryType.WARN, AnnotationMetadataEntryType.ERROR];

/** The private settings of a stock StackSynthesizer this reads to take its place. */
interface StockSettings {
  readonly continueOnErrorAnnotations: boolean;
  readonly hclOutput: boolean;
}

export class JsonStackSynthesizer extends StackSynthesizer {
  /** Puts a JsonStackSynthesizer in place of the stack's stock one; leaves any other (HCL output, custom) alone. */
  static install(stack: TerraformStack): void {
    const stock = stack.synthesizer;
    if (stock.constructor !== StackSynthesizer) return;
    const settings = stock as unknown as StockSettings;
    if (settings.hclOutput !== false || typeof settings.continueOnErrorAnnotations !== 'boolean') return;
    stack.synthesizer = new JsonStackSynthesizer(stack, settings.continueOnErrorAnnotations);
  }

  private readonly continueOnErrors: boolean;

  private constructor(stack: TerraformStack, continueOnErrors: boolean) {
    super(stack, continueOnErrors, false);
    this.continueOnErrors = continueOnErrors;
  }

  synthesize(session: ISynthesisSession): void {
    if (!session.skipValidation) {
      super.synthesize(session);
      return;
    }
    const stack = this.stack;
    invokeAspects(stack);
    const manifest = session.manifest.forStack(stack);
    const workingDirectory = path.join(session.outdir, manifest.workingDirectory);
    if (!fs.existsSync(workingDirectory)) fs.mkdirSync(workingDirectory);
    for (const node of stack.node.findAll(ConstructOrder.POSTORDER)) {
      (node as IConstruct & { [CUSTOM_SYNTHESIS]?: { onSynthesize(session: ISynthesisSession): void } })[CUSTOM_SYNTHESIS]?.onSynthesize(session);
    }
    const annotations = stack.node.findAll().flatMap((node) =>
      node.node.metadata
        .filter((m) => ANNOTATION_TYPES.includes(m.type))
        .map((m) => ({ constructPath: node.node.path, level: m.type, message: m.data, stacktrace: m.trace })),
    );
    (manifest as { annotations: unknown }).annotations = annotations;
    const errors = annotations.filter((a) => a.level === AnnotationMetadataEntryType.ERROR);
    if (!this.continueOnErrors && errors.length > 0) {
      throw encounteredAnnotationWithLevelError(errors.map((a) => `[${a.constructPath}] ${a.message}`).join('\n'));
    }
    writeInPlace(path.join(session.outdir, manifest.synthesizedStackPath), stableJson(stack.toTerraform()));
  }
}
