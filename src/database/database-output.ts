/**
 * The `database` output of an env (endpoint, name, user, secret ARN) as `show` prints it, and the
 * password read from the credentials secret for `show --reveal`.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretsError } from '../secrets/secrets-client';
import { UserError } from '../errors/user-error';

export interface DatabaseOutput {
  readonly host: string;
  readonly port: number;
  readonly name: string;
  readonly user: string;
  readonly secret_arn: string;
}

export function databaseOutputOf(outputs: Record<string, unknown>): DatabaseOutput | undefined {
  const value = outputs.database as Partial<DatabaseOutput> | undefined;
  if (!value || typeof value.host !== 'string' || typeof value.secret_arn !== 'string') return undefined;
  return { host: value.host, port: Number(value.port), name: String(value.name), user: String(value.user), secret_arn: value.secret_arn };
}

/** Lines for `show`: where the database is and who to connect as; the password only when revealed. */
export function databaseLines(db: DatabaseOutput, password?: string): string[] {
  return [
    `database: ${db.name} at ${db.host}:${db.port}, user ${db.user}`,
    password === undefined ? `database password: in ${db.secret_arn} (show it with --reveal)` : `database password: ${password}`,
  ];
}

/** The password the provisioner wrote into the env's credentials secret. */
export async function readDatabasePassword(client: SecretsManagerClient, db: DatabaseOutput): Promise<string> {
  const { GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  let text: string | undefined;
  try {
    text = (await client.send(new GetSecretValueCommand({ SecretId: db.secret_arn }))).SecretString;
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'ResourceNotFoundException') {
      throw new UserError(`the credentials secret of ${db.name} holds no value yet`, 'the provisioner writes it when the env database is created; if the last apply failed at db_provisioning, apply again (a failed provisioning is retried), and see its log group /aws/lambda/<vpc>-database-provisioner');
    }
    const mapped = secretsError(error, 'GetSecretValue', db.secret_arn);
    throw mapped instanceof UserError ? mapped : new UserError(`could not read ${db.secret_arn}: ${(error as Error).message}`, 'check your AWS credentials: secretsmanager:GetSecretValue on the env secret');
  }
  const password = parsePassword(text);
  if (password === undefined) throw new UserError(`the credentials secret of ${db.name} holds no password`, 'apply again after a failed provisioning (it is retried); otherwise see the provisioner log group /aws/lambda/<vpc>-database-provisioner');
  return password;
}

function parsePassword(text: string | undefined): string | undefined {
  try {
    const value = JSON.parse(text ?? '') as { password?: unknown };
    return typeof value.password === 'string' ? value.password : undefined;
  } catch {
    return undefined;
  }
}
