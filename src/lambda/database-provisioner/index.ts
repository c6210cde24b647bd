/**
 * Lambda entry of the database provisioner (bundled to one CommonJS file for Node.js 20 syntax, run on the nodejs22.x runtime): reads the
 * configuration once, connects to the cluster as the master user and runs the core. Terraform's
 * aws_lambda_invocation (lifecycle_scope = "CRUD") calls it on create, update and delete.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Client } from 'pg';
import { clientConfig, ProvisionerConfig, readConfig } from './config';
import type { ProvisionResult } from './context';
import { parseEvent } from './event';
import { provision } from './provision';
import { readMasterCredentials, SecretsManagerStore } from './secret-store';

let config: ProvisionerConfig | undefined;
let secrets: SecretsManagerStore | undefined;

export async function handler(event: unknown): Promise<ProvisionResult> {
  config ??= readConfig(process.env);
  secrets ??= new SecretsManagerStore(new SecretsManagerClient({}));
  // Read on every invocation: RDS rotates the managed master password.
  const master = await readMasterCredentials(secrets, config.masterSecretArn);
  const parsed = parseEvent(event, { secretNamePrefix: config.secretNamePrefix, masterUsername: master.username });
  const sql = new Client(clientConfig(config, master.username, master.password));
  await sql.connect();
  try {
    return await provision({ sql, secrets, host: config.host, port: config.port }, parsed);
  } finally {
    await sql.end();
  }
}
