/**
 * Stores one env secret: CreateSecret (tagged, described) the first time, PutSecretValue after. A
 * secret still scheduled for deletion (deleted in the console with a recovery window) is restored
 * and updated, since AWS refuses to create a secret of that name until the window ends.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { envSecretId } from './env-secret-name';
import { secretsError, secretsErrorName } from './secrets-client';

/** Secrets Manager's limit on a SecretString, in bytes. */
export const MAX_SECRET_BYTES = 65_536;

export interface SetEnvSecretProps {
  /** `envNames(parts).envSecretPrefix` */
  readonly prefix: string;
  readonly name: string;
  /** Never logged, never part of an error message. */
  readonly value: string;
  /** Tags of a new secret (tier, set, env, managed-by). */
  readonly tags: Readonly<Record<string, string>>;
  /** Description of a new secret. */
  readonly description: string;
}

export type SetOutcome = 'created' | 'updated';

export async function setEnvSecret(client: SecretsManagerClient, props: SetEnvSecretProps): Promise<SetOutcome> {
  const { CreateSecretCommand, PutSecretValueCommand, RestoreSecretCommand } = await import('@aws-sdk/client-secrets-manager');
  const id = envSecretId(props.prefix, props.name);
  try {
    await client.send(
      new CreateSecretCommand({
        Name: id,
        SecretString: props.value,
        Description: props.description,
        Tags: Object.entries(props.tags).map(([Key, Value]) => ({ Key, Value })),
      }),
    );
    return 'created';
  } catch (error) {
    const name = secretsErrorName(error);
    const scheduledForDeletion = name === 'InvalidRequestException' && /deletion/i.test((error as Error).message);
    if (name !== 'ResourceExistsException' && !scheduledForDeletion) throw secretsError(error, 'CreateSecret', id);
    try {
      if (scheduledForDeletion) await client.send(new RestoreSecretCommand({ SecretId: id }));
      await client.send(new PutSecretValueCommand({ SecretId: id, SecretString: props.value }));
    } catch (second) {
      throw secretsError(second, scheduledForDeletion ? 'RestoreSecret' : 'PutSecretValue', id);
    }
    return 'updated';
  }
}
