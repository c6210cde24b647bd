/**
 * The Secrets Manager client of the env secrets, built lazily (the SDK is loaded only by the commands
 * that need it) with the bounded settings every AWS client of branchenv gets, and the one place that
 * turns AWS's refusals into errors that say what to do.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { boundedClient } from '../aws/bounded-client';
import { UserError } from '../errors/user-error';

/** A client for `region` from the default credential chain (`AWS_ENDPOINT_URL_SECRETS_MANAGER` is honoured, as by every SDK client). */
export async function secretsClientFor(region: string): Promise<SecretsManagerClient> {
  const { SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  return new SecretsManagerClient({ region, ...boundedClient() });
}

/** The SDK error's name: `ResourceNotFoundException`, `AccessDeniedException`, `CredentialsProviderError`. */
export function secretsErrorName(error: unknown): string {
  return (error as { name?: string } | undefined)?.name ?? '';
}

/**
 * Refused credentials or permissions as a UserError naming the call and what to check; anything else
 * unchanged. `action` is the API call (`ListSecrets`), `subject` what it was about (a name or prefix).
 */
export function secretsError(error: unknown, action: string, subject: string): unknown {
  const name = secretsErrorName(error);
  if (name.includes('Credential') || name === 'UnrecognizedClientException' || name === 'ExpiredTokenException' || name === 'InvalidSignatureException') {
    return new UserError(`no usable AWS credentials for Secrets Manager (${name} on ${action} ${subject})`, 'sign in to the account of the tier (aws sso login, AWS_PROFILE or AWS_* variables), then run again');
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new UserError(
      `access denied: secretsmanager:${action} on ${subject}`,
      action === 'GetSecretValue'
        ? `use credentials that allow secretsmanager:GetSecretValue on ${subject} (README: IAM actions of the commands)`
        : 'use credentials that allow secretsmanager:CreateSecret, PutSecretValue, ListSecrets, DeleteSecret and TagResource on branchenv/*',
    );
  }
  const code = (error as { code?: string } | undefined)?.code ?? '';
  if (name === 'TimeoutError' || /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN)$/.test(code)) {
    return new UserError(`Secrets Manager did not answer ${action} on ${subject} (${code || name})`, 'check the network (and AWS_ENDPOINT_URL_SECRETS_MANAGER if set), then run again');
  }
  return error;
}
