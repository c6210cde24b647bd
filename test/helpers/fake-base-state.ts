/**
 * Serves a base's remote state to branch stacks in tests: a Terraform state file holding the base
 * contract's outputs, and an override that points `terraform_remote_state` at it instead of S3.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASE_OUTPUTS, BaseOutputs } from '../../src/contract/base-outputs';

/** Writes a state file (format version 4) with the given outputs; returns its path. */
export function writeBaseState(dir: string, outputs: BaseOutputs): string {
  const typeOf = (name: keyof BaseOutputs) => {
    const kind = BASE_OUTPUTS[name].kind;
    return kind === 'list' ? ['list', 'string'] : kind;
  };
  const state = {
    version: 4,
    terraform_version: '1.11.4',
    serial: 1,
    lineage: '00000000-0000-0000-0000-00000000base',
    outputs: Object.fromEntries(
      (Object.keys(outputs) as (keyof BaseOutputs)[]).map((name) => [name, { value: outputs[name], type: typeOf(name) }]),
    ),
    resources: [],
    check_results: null,
  };
  const file = path.join(dir, 'base.tfstate');
  fs.writeFileSync(file, JSON.stringify(state, null, 2));
  return file;
}

/** Override that makes every `terraform_remote_state` of the stack read the given local file. */
export function remoteStateOverride(stackJson: { data?: Record<string, Record<string, unknown>> }, statePath: string): object {
  const names = Object.keys(stackJson.data?.terraform_remote_state ?? {});
  return {
    data: {
      terraform_remote_state: Object.fromEntries(names.map((name) => [name, { backend: 'local', config: { path: statePath } }])),
    },
  };
}
