/**
 * Shared set-up of the database provisioner tests: a real PostgreSQL with an RDS-like master role,
 * the provisioner connected as that role, an in-memory secret store, and event builders.
 */
import { Client, QueryResultRow } from 'pg';
import type { ProvisionContext, ProvisionResult } from '../../src/lambda/database-provisioner/context';
import { EnvDatabaseInput, parseEvent, TerraformAction } from '../../src/lambda/database-provisioner/event';
import { provision } from '../../src/lambda/database-provisioner/provision';
import type { DatabaseSecret, SecretStore } from '../../src/lambda/database-provisioner/secret-store';
import { createMasterRole, startPostgres, TestPostgres } from '../helpers/postgres-server';

export const MASTER = 'branchenv_admin';
export const MASTER_PASSWORD = 'master-password-for-tests';
export const RULES = { secretNamePrefix: 'branchenv/stage/', masterUsername: MASTER };

/** SecretStore in memory; keeps every write so tests can see what the secret ever received. */
export class MemorySecretStore implements SecretStore {
  readonly values = new Map<string, string>();
  readonly writes: { arn: string; value: string }[] = [];
  failWrites = false;
  async read(arn: string): Promise<string | undefined> {
    return this.values.get(arn);
  }
  async write(arn: string, value: string): Promise<void> {
    if (this.failWrites) throw new Error('PutSecretValue failed (test)');
    this.values.set(arn, value);
    this.writes.push({ arn, value });
  }
}

export function secretArn(name: string): string {
  return `arn:aws:secretsmanager:eu-west-1:111111111111:secret:branchenv/stage/demo/${name}/database-AbCdEf`;
}

/** The input Terraform sends for env `name` (database and role share the name, as branchenv names them). */
export function envInput(name: string, overrides: Partial<EnvDatabaseInput> = {}): EnvDatabaseInput {
  return { database: name, role: name, secretArn: secretArn(name), owner: `stage/demo/${name}`, ...overrides };
}

export interface Fixture {
  readonly server: TestPostgres;
  readonly admin: Client;
  readonly secrets: MemorySecretStore;
  readonly logs: string[];
  /** Sends one Terraform action through validation and the core. */
  run(action: TerraformAction, input: EnvDatabaseInput, prev?: EnvDatabaseInput | null): Promise<ProvisionResult>;
  /** The env secret's JSON. */
  secret(input: EnvDatabaseInput): DatabaseSecret;
  /** Logs in over TCP (SCRAM) with the credentials in the env's secret. */
  loginAs(input: EnvDatabaseInput, database?: string): Promise<Client>;
  /** One-row catalog query as the superuser. */
  catalog<T extends QueryResultRow>(text: string, params: unknown[]): Promise<T | undefined>;
  stop(): Promise<void>;
}

export async function startFixture(): Promise<Fixture> {
  const server = await startPostgres();
  await createMasterRole(server, MASTER, MASTER_PASSWORD);
  const admin = await server.connect(MASTER, MASTER_PASSWORD, 'postgres');
  const su = await server.superuser();
  const secrets = new MemorySecretStore();
  const logs: string[] = [];
  const ctx: ProvisionContext = { sql: admin, secrets, host: server.host, port: server.port, log: (line) => logs.push(line) };
  const secret = (input: EnvDatabaseInput): DatabaseSecret => JSON.parse(secrets.values.get(input.secretArn) ?? 'null');
  return {
    server,
    admin,
    secrets,
    logs,
    run: async (action, input, prev = action === 'delete' ? input : null) => provision(ctx, parseEvent({ ...input, tf: { action, prev_input: prev } }, RULES)),
    secret,
    async loginAs(input, database) {
      const client = await server.connect(secret(input).username, secret(input).password, database ?? secret(input).dbname);
      client.on('error', () => undefined); // sessions the provisioner or the server stop end with an error event
      return client;
    },
    catalog: async <T extends QueryResultRow>(text: string, params: unknown[]): Promise<T | undefined> => (await su.query<T>(text, params)).rows[0],
    async stop() {
      await admin.end();
      await su.end();
      await server.stop();
    },
  };
}

/** Whether a database / role exists, with its comment. */
export async function describeObjects(f: Fixture, name: string): Promise<{ db?: { marker: string | null; owner: string }; role?: { marker: string | null } }> {
  const db = await f.catalog<{ marker: string | null; owner: string }>(
    `SELECT shobj_description(oid, 'pg_database') AS marker, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1`,
    [name],
  );
  const role = await f.catalog<{ marker: string | null }>(`SELECT shobj_description(oid, 'pg_authid') AS marker FROM pg_roles WHERE rolname = $1`, [name]);
  return { db, role };
}
