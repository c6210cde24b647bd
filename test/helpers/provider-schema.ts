/**
 * The exact AWS resource schema, read offline from the provider with
 * `terraform providers schema -json` in an initialized stack folder, cached per process.
 */
import { runTerraform } from '../../src/terraform/run-terraform';

interface AttributeSchema {
  readonly computed?: boolean;
  readonly optional?: boolean;
  readonly required?: boolean;
}

export interface ResourceSchema {
  readonly block: { readonly attributes?: Record<string, AttributeSchema> };
}

let cached: Promise<Record<string, ResourceSchema>> | undefined;

/** Resource schemas of hashicorp/aws by type, from an initialized folder. */
export function awsResourceSchemas(initializedDir: string, cliConfigFile: string): Promise<Record<string, ResourceSchema>> {
  cached ??= runTerraform(['providers', 'schema', '-json'], { cwd: initializedDir, cliConfigFile }).then((result) => {
    const schema = JSON.parse(result.stdout) as { provider_schemas: Record<string, { resource_schemas: Record<string, ResourceSchema> }> };
    const aws = Object.entries(schema.provider_schemas).find(([source]) => source.endsWith('/hashicorp/aws'));
    if (!aws) throw new Error('the stack folder has no hashicorp/aws provider schema');
    return aws[1].resource_schemas;
  });
  return cached;
}

/** Attributes only the provider sets (computed, not settable) whose names say they hold an ARN. */
export function computedArnAttributes(schema: ResourceSchema): string[] {
  return Object.entries(schema.block.attributes ?? {})
    .filter(([name, a]) => a.computed && !a.optional && !a.required && (name === 'arn' || name.endsWith('_arn')))
    .map(([name]) => name);
}
