/**
 * Before an env is planned for apply: every env secret its set references must be set, or its tasks
 * would fail to start after the apply. Refuses with the commands that set them.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { LoadedEnv } from '../env/prepare-env';
import { missingEnvSecrets, referencedEnvSecrets } from '../env/env-secret-references';
import { UserError } from '../errors/user-error';
import { envNames } from '../names/env-resource-names';
import { listEnvSecretNames } from '../secrets/list-env-secret-names';
import { secretsClientFor, secretsError } from '../secrets/secrets-client';

/** The env secrets the env's set references that are not set (none when the set references none: no AWS call). */
export async function findMissingEnvSecrets(env: LoadedEnv, client?: SecretsManagerClient): Promise<string[]> {
  const referenced = referencedEnvSecrets(env.set);
  if (referenced.length === 0) return [];
  const prefix = envNames({ tier: env.base.tier, set: env.set.name, env: env.name }).envSecretPrefix;
  const own = client ?? (await secretsClientFor(env.base.region));
  let existing: string[];
  try {
    existing = await listEnvSecretNames(own, prefix);
  } catch (error) {
    throw secretsError(error, 'ListSecrets', prefix);
  } finally {
    if (!client) own.destroy();
  }
  return missingEnvSecrets(referenced, existing);
}

/** The refusal (apply) or warning (plan) for missing env secrets, with the commands that set them. */
export function missingSecretsError(env: LoadedEnv, missing: readonly string[]): UserError {
  const tier = env.base.tier === 'stage' ? '' : ` --tier ${env.base.tier}`;
  return new UserError(
    `${env.name} has no value for env secret${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, which set ${env.set.name} references: its tasks could not start`,
    missing.map((name) => `printf %s "$VALUE" | scripts/env secrets set ${env.name} --set ${env.set.name}${tier} ${name}`).join('\n'),
  );
}
