import * as path from 'node:path';
import { UserError } from '../errors/user-error';
import { errorExcerpt } from './diagnostics';

/** What one terraform command left behind. */
export interface TerraformResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const NO_REGISTRY = /could not connect to registry|failed to request discovery document/;

/**
 * A terraform command that failed. The message is terraform's own error blocks, whole (summary,
 * resource, file and line, detail), so the CLI prints it as it prints any error the user can fix.
 */
export class TerraformError extends UserError {
  constructor(
    readonly args: readonly string[],
    /** The stack folder terraform ran in. */
    readonly cwd: string,
    readonly result: TerraformResult,
  ) {
    const folder = path.relative(process.cwd(), cwd) || '.';
    super(`terraform ${args[0]} failed (exit code ${result.exitCode}) in ${folder}:\n\n${errorExcerpt(result)}\n`, hint(args[0], folder, result));
    this.name = 'TerraformError';
  }
}

/** What to do next: an apply fails on AWS's side as often as on the definition's. */
function hint(command: string, folder: string, result: TerraformResult): string {
  if (NO_REGISTRY.test(`${result.stderr}\n${result.stdout}`)) {
    return 'no registry access: set TF_PLUGIN_MIRROR to a folder holding registry.terraform.io/hashicorp/aws/… (see README)';
  }
  if (command === 'apply' || command === 'destroy') {
    return 'fix what it names (AWS permissions or limits, or the definition) and run again, or run again with --debug';
  }
  return `fix the definition that produced it (the Terraform JSON is in ${folder}), or run again with --debug`;
}
