/** Minimal typing of a synthesized Terraform JSON document (cdk.tf.json). */
export type ResourceBody = Record<string, unknown>;

export interface TerraformJson {
  readonly terraform?: { backend?: Record<string, Record<string, unknown>>; required_providers?: Record<string, unknown> };
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly resource?: Record<string, Record<string, ResourceBody>>;
  readonly data?: Record<string, Record<string, ResourceBody>>;
  readonly output?: Record<string, { value: unknown; description?: string }>;
}
