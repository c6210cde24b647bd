import { LocalBackend, S3Backend, TerraformStack } from 'cdktf';

/** Where a stack keeps its state. */
export type BackendChoice =
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly key: string;
      readonly region: string;
      /** An S3-compatible endpoint (local mode's embedded server); credentials and checks are faked. */
      readonly endpoint?: string;
    }
  | { readonly kind: 'local'; readonly path: string };

/**
 * Configures the stack's backend. S3 state uses S3-native locking (`use_lockfile`, Terraform ≥ 1.10),
 * which CDKTF 0.21's S3Backend does not know, so it is added as an override.
 */
export function configureBackend(stack: TerraformStack, choice: BackendChoice): void {
  if (choice.kind === 'local') {
    new LocalBackend(stack, { path: choice.path });
    return;
  }
  new S3Backend(stack, { bucket: choice.bucket, key: choice.key, region: choice.region, encrypt: !choice.endpoint });
  stack.addOverride('terraform.backend.s3.use_lockfile', true);
  if (choice.endpoint) {
    const local = {
      endpoints: { s3: choice.endpoint },
      use_path_style: true,
      access_key: 'S3RVER',
      secret_key: 'S3RVER',
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      skip_s3_checksum: true,
    };
    for (const [key, value] of Object.entries(local)) stack.addOverride(`terraform.backend.s3.${key}`, value);
  }
}
