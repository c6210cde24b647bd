/** The names of the env's secrets, for the plan's check that every `envSecret` reference is set. */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { listEnvSecrets } from './list-env-secrets';

/** Names under `prefix` (`envNames(parts).envSecretPrefix`), without it, sorted. */
export async function listEnvSecretNames(client: SecretsManagerClient, prefix: string): Promise<string[]> {
  return (await listEnvSecrets(client, prefix)).map((entry) => entry.name);
}
