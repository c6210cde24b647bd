/**
 * Where the provisioner reads and writes secrets: an interface the core depends on, and its Secrets
 * Manager implementation. Also the JSON shapes of the env's secret and of RDS's master secret.
 */
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

export interface SecretStore {
  /** The current value, or undefined when the secret has no value yet. */
  read(secretArn: string): Promise<string | undefined>;
  /** Stores `value` as the new current version. */
  write(secretArn: string, value: string): Promise<void>;
}

/** The env secret's JSON, in the shape RDS's own secrets use (services read it as-is). */
export interface DatabaseSecret {
  readonly engine: 'postgres';
  readonly host: string;
  readonly port: number;
  readonly dbname: string;
  readonly username: string;
  readonly password: string;
}

/** Master user credentials from RDS's managed master secret. */
export interface MasterCredentials {
  readonly username: string;
  readonly password: string;
}

/** Parses a secret value as a JSON object, or undefined when it is not one. */
export function parseSecretJson(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the RDS-managed master secret (`{"username": ..., "password": ...}`). */
export async function readMasterCredentials(store: SecretStore, secretArn: string): Promise<MasterCredentials> {
  const json = parseSecretJson(await store.read(secretArn));
  const username = json?.username;
  const password = json?.password;
  if (typeof username !== 'string' || typeof password !== 'string' || username === '' || password === '') {
    throw new Error(`the master secret ${secretArn} holds no JSON with username and password: point MASTER_SECRET_ARN at the cluster's RDS-managed master secret`);
  }
  return { username, password };
}

/** Secrets Manager behind the SecretStore interface. */
export class SecretsManagerStore implements SecretStore {
  constructor(public readonly client: SecretsManagerClient) {}

  async read(secretArn: string): Promise<string | undefined> {
    try {
      const out = await this.client.send(new GetSecretValueCommand({ SecretId: secretArn }));
      return out.SecretString;
    } catch (error) {
      // A secret Terraform created without a value has no AWSCURRENT version yet.
      if (error instanceof ResourceNotFoundException || (error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  }

  async write(secretArn: string, value: string): Promise<void> {
    await this.client.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: value }));
  }
}
