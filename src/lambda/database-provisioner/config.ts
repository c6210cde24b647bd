/**
 * The function's configuration, from its environment variables (passed in: only the entry reads
 * the process environment). Every default is resolved here, once.
 */
import type { ClientConfig } from 'pg';

/** `verify-full`: TLS, certificate and host name verified (RDS CA via NODE_EXTRA_CA_CERTS); `disable`: plain TCP (tests). */
export type SslMode = 'verify-full' | 'disable';

export interface ProvisionerConfig {
  /** RDS-managed master secret (`{"username","password"}`). */
  readonly masterSecretArn: string;
  readonly host: string;
  /** @default 5432 */
  readonly port: number;
  /** Env secrets must be named under this, e.g. `branchenv/stage/`. */
  readonly secretNamePrefix: string;
  /** @default 'verify-full' */
  readonly ssl: SslMode;
}

/** Aurora Serverless v2 takes about 15 s to resume from a pause; leave room for it. */
export const CONNECT_TIMEOUT_MS = 30_000;
/** No single statement may hang the function (DROP ... WITH (FORCE) and CREATE DATABASE are the slow ones). */
export const STATEMENT_TIMEOUT_MS = 60_000;

function required(env: Readonly<Record<string, string | undefined>>, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`environment variable ${name} is not set: the Terraform that creates this function sets it`);
  return value;
}

export function readConfig(env: Readonly<Record<string, string | undefined>>): ProvisionerConfig {
  const portText = env.DATABASE_PORT?.trim() || '5432';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`DATABASE_PORT "${portText}" is not a TCP port (1-65535)`);
  const ssl = env.DATABASE_SSL?.trim() || 'verify-full';
  if (ssl !== 'verify-full' && ssl !== 'disable') throw new Error(`DATABASE_SSL "${ssl}" must be verify-full (default) or disable`);
  return {
    masterSecretArn: required(env, 'MASTER_SECRET_ARN'),
    host: required(env, 'DATABASE_HOST'),
    port,
    secretNamePrefix: required(env, 'SECRET_NAME_PREFIX'),
    ssl,
  };
}

/** node-postgres settings for the master user's connection to the `postgres` maintenance database. */
export function clientConfig(config: ProvisionerConfig, user: string, password: string): ClientConfig {
  return {
    host: config.host,
    port: config.port,
    database: 'postgres',
    user,
    password,
    ssl: config.ssl === 'verify-full' ? { rejectUnauthorized: true, servername: config.host } : false,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    lock_timeout: STATEMENT_TIMEOUT_MS,
    query_timeout: STATEMENT_TIMEOUT_MS + 5_000,
    application_name: 'branchenv-database-provisioner',
  };
}
