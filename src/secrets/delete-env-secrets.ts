/** Every secret of an env deleted at once (no recovery window), for `drop`. */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { listEnvSecretNames } from './list-env-secret-names';
import { removeSecretById } from './remove-env-secret';

/**
 * Deletes each secret under `prefix` (`envNames(parts).envSecretPrefix`), one after another, whatever
 * its name; returns the names deleted, without the prefix. One already gone is skipped.
 */
export async function deleteEnvSecrets(client: SecretsManagerClient, prefix: string): Promise<string[]> {
  const deleted: string[] = [];
  for (const name of await listEnvSecretNames(client, prefix)) {
    if ((await removeSecretById(client, `${prefix}${name}`)) === 'deleted') deleted.push(name);
  }
  return deleted;
}
