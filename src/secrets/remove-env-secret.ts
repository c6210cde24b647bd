/** Deletes one env secret at once (no recovery window); a secret that is not there is no error. */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { envSecretId } from './env-secret-name';
import { secretsError, secretsErrorName } from './secrets-client';

export type RemoveOutcome = 'deleted' | 'missing';

/** Deletes NAME (checked against ENV_SECRET_NAME) under `prefix`. */
export async function removeEnvSecret(client: SecretsManagerClient, prefix: string, name: string): Promise<RemoveOutcome> {
  return removeSecretById(client, envSecretId(prefix, name));
}

/** Deletes the secret `id` (a full name), whatever its last part. */
export async function removeSecretById(client: SecretsManagerClient, id: string): Promise<RemoveOutcome> {
  const { DeleteSecretCommand } = await import('@aws-sdk/client-secrets-manager');
  try {
    await client.send(new DeleteSecretCommand({ SecretId: id, ForceDeleteWithoutRecovery: true }));
    return 'deleted';
  } catch (error) {
    if (secretsErrorName(error) === 'ResourceNotFoundException') return 'missing';
    throw secretsError(error, 'DeleteSecret', id);
  }
}
