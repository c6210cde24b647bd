/**
 * Terraform override files that make a synthesized stack plan with no AWS account: a local
 * backend instead of S3, fake credentials and the provider's skip settings. Used by local mode and
 * by the test suite; never by a real plan.
 */

/** Override file name: Terraform merges `*_override.tf.json` over the stack's own JSON. */
export const OFFLINE_OVERRIDE_FILE = 'branchenv_offline_override.tf.json';

export const FAKE_CREDENTIALS = { accessKey: 'branchenv-offline', secretKey: 'branchenv-offline' } as const;

export interface OfflineOverrideOptions {
  /** Path of the local state file (relative to the stack folder or absolute). */
  readonly statePath: string;
}

/** AWS provider settings (Terraform names) that keep it from calling AWS to check who it is. */
export const OFFLINE_PROVIDER_SETTINGS = {
  access_key: FAKE_CREDENTIALS.accessKey,
  secret_key: FAKE_CREDENTIALS.secretKey,
  skip_credentials_validation: true,
  skip_requesting_account_id: true,
  skip_metadata_api_check: true,
  skip_region_validation: true,
} as const;

/** The override JSON: local backend, provider that never calls AWS to check who it is. */
export function offlineOverride(options: OfflineOverrideOptions): object {
  return {
    terraform: { backend: { local: { path: options.statePath } } },
    provider: {
      aws: [
        {
          ...OFFLINE_PROVIDER_SETTINGS,
          // The account pin needs an account look-up; offline there is no account to check.
          allowed_account_ids: null,
        },
      ],
    },
  };
}
