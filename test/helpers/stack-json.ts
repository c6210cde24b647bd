/** Assertion helpers over a synthesized Terraform JSON document. */
import { ResourceBody, TerraformJson } from '../../src/synth/terraform-json';

export type { ResourceBody, TerraformJson };

/** The resources of one type, by name; fails the test when there are none. */
export function resourcesOf(json: TerraformJson, type: string): Record<string, ResourceBody> {
  const found = json.resource?.[type];
  if (!found) throw new Error(`no ${type} in the stack`);
  return found;
}

export function resourceCount(json: TerraformJson): number {
  return Object.values(json.resource ?? {}).reduce((sum, byName) => sum + Object.keys(byName).length, 0);
}

/** `aws_x`, `name`, `attr` → the interpolation CDKTF writes: `${aws_x.name.attr}`. */
export function refOf(type: string, name: string, attribute = 'id'): string {
  return `\${${type}.${name}.${attribute}}`;
}
