import { ResourceBody, TerraformJson } from '../synth/terraform-json';

/** Resources of the given types as (address, body). */
export function resourcesOfTypes(json: TerraformJson, ...types: string[]): { address: string; type: string; name: string; body: ResourceBody }[] {
  return types.flatMap((type) =>
    Object.entries(json.resource?.[type] ?? {}).map(([name, body]) => ({ address: `${type}.${name}`, type, name, body })),
  );
}

/** Does the value reference the resource at `address` (`${aws_vpc.main.id}` refers to `aws_vpc.main`)? */
export function refersTo(value: unknown, address: string): boolean {
  return typeof value === 'string' && value.includes(`\${${address}.`);
}

/** CDKTF writes a single nested block as an object, repeated blocks as arrays: always give an array. */
export function blocks(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
}

/** The first nested block, if any. */
export function block(value: unknown): Record<string, unknown> | undefined {
  return blocks(value)[0];
}
