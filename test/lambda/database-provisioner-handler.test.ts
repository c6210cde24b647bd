/**
 * The Lambda entry end to end: configuration from environment variables, Secrets Manager through
 * the real SDK client (its transport mocked with aws-sdk-client-mock) and a real PostgreSQL.
 */
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../src/lambda/database-provisioner';
import { createMasterRole, startPostgres, TestPostgres } from '../helpers/postgres-server';
import { envInput, MASTER, MASTER_PASSWORD } from './database-provisioner-fixture';

const MASTER_SECRET = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:rds!cluster-1234-AbCdEf';
const sm = mockClient(SecretsManagerClient);
let server: TestPostgres;
const saved = { ...process.env };
const logged: string[] = [];

beforeAll(async () => {
  server = await startPostgres();
  await createMasterRole(server, MASTER, MASTER_PASSWORD);
  Object.assign(process.env, {
    MASTER_SECRET_ARN: MASTER_SECRET,
    DATABASE_HOST: server.host,
    DATABASE_PORT: String(server.port),
    SECRET_NAME_PREFIX: 'branchenv/stage/',
    DATABASE_SSL: 'disable',
    AWS_REGION: 'eu-west-1',
  });
  jest.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
}, 60_000);
afterAll(async () => {
  process.env = saved;
  sm.restore();
  jest.restoreAllMocks();
  await server?.stop();
});

describe('database provisioner Lambda handler', () => {
  it('creates from an empty secret, writes credentials that log in, returns no password, then deletes', async () => {
    const env = envInput('demo-feature-x');
    let stored: string | undefined;
    sm.on(GetSecretValueCommand, { SecretId: MASTER_SECRET }).resolves({ SecretString: JSON.stringify({ username: MASTER, password: MASTER_PASSWORD }) });
    sm.on(GetSecretValueCommand, { SecretId: env.secretArn }).callsFake(async () => {
      if (stored === undefined) throw new ResourceNotFoundException({ message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT", $metadata: {} });
      return { SecretString: stored };
    });
    sm.on(PutSecretValueCommand, { SecretId: env.secretArn }).callsFake(async (input: { SecretString?: string }) => {
      stored = input.SecretString;
      return {};
    });

    const created = await handler({ ...env, tf: { action: 'create', prev_input: null } });
    expect(created).toEqual({ action: 'created', database: env.database, role: env.role, host: server.host, port: server.port });
    expect(JSON.stringify(created)).not.toMatch(/password/i);
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(1);
    const secret = JSON.parse(stored ?? '{}');
    expect(secret).toMatchObject({ engine: 'postgres', host: server.host, port: server.port, dbname: env.database, username: env.role });
    const client = await server.connect(secret.username, secret.password, secret.dbname);
    await client.end();
    expect(logged.some((line) => line.includes('"action":"created"'))).toBe(true);
    expect(logged.join('\n')).not.toContain(secret.password);

    await expect(handler({ ...env, tf: { action: 'update', prev_input: env } })).resolves.toMatchObject({ action: 'unchanged' });
    await expect(handler({ ...env, tf: { action: 'delete', prev_input: env } })).resolves.toMatchObject({ action: 'deleted' });
    await expect(handler({ ...env, tf: { action: 'delete', prev_input: env } })).resolves.toMatchObject({ action: 'absent' });
  });

  it('refuses a secret outside SECRET_NAME_PREFIX before writing anything', async () => {
    const puts = sm.commandCalls(PutSecretValueCommand).length;
    const other = 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/payments/db-AbCdEf';
    await expect(handler({ ...envInput('demo-x'), secretArn: other, tf: { action: 'create', prev_input: null } })).rejects.toThrow(
      /outside "branchenv\/stage\/": this function only writes secrets whose name starts with SECRET_NAME_PREFIX/,
    );
    expect(sm.commandCalls(PutSecretValueCommand)).toHaveLength(puts);
  });
});
