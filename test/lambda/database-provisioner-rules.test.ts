/**
 * The provisioner's pure parts: event validation, configuration, SQL quoting and SCRAM verifiers.
 * Quoting and SCRAM are checked against a real PostgreSQL's own quote_ident / format('%L') and
 * the verifier it stores itself.
 */
import { Client } from 'pg';
import { clientConfig, readConfig } from '../../src/lambda/database-provisioner/config';
import { parseEvent } from '../../src/lambda/database-provisioner/event';
import { quoteIdent, quoteLiteral } from '../../src/lambda/database-provisioner/identifiers';
import { scramSha256Verifier } from '../../src/lambda/database-provisioner/scram';
import { postgresBinDir, startPostgres, TestPostgres } from '../helpers/postgres-server';
import { envInput, RULES, secretArn } from './database-provisioner-fixture';

const event = (overrides: Record<string, unknown>, tf: Record<string, unknown> = { action: 'create', prev_input: null }) =>
  parseEvent({ ...envInput('demo-feature-x'), ...overrides, tf }, RULES);

describe('event validation', () => {
  it('accepts the event Terraform sends', () => {
    expect(event({})).toEqual({ action: 'create', input: envInput('demo-feature-x'), previous: undefined });
    const prev = envInput('demo-old');
    expect(event({}, { action: 'update', prev_input: prev }).previous).toEqual(prev);
  });

  it.each([
    [{}, { action: 'upsert' }, /tf.action "upsert" is not one of create, update, delete/],
    [{ database: 'postgres' }, undefined, /event.database "postgres" is reserved/],
    [{ role: 'template1' }, undefined, /event.role "template1" is reserved/],
    [{ role: 'branchenv_admin' }, undefined, /must use only lowercase/],
    [{ database: 'pg_x' }, undefined, /must use only lowercase/],
    [{ role: 'rds-admin' }, undefined, /"rds-admin" starts with "rds", which PostgreSQL or RDS reserve/],
    [{ role: '-x' }, undefined, /must use only lowercase letters, digits and dashes and start with a letter or digit/],
    [{ role: '' }, undefined, /event.role is empty/],
    [{ role: 5 }, undefined, /event.role must be a string, got 5/],
    [{ secretArn: 'branchenv/stage/x' }, undefined, /is not a Secrets Manager secret ARN/],
    [{ secretArn: secretArn('x').replace('branchenv/stage/', 'prod/') }, undefined, /names secret "prod\/demo\/x\/database-AbCdEf", outside "branchenv\/stage\/"/],
    // Another env's credentials, or an env secret named `database`: never written.
    [{ secretArn: secretArn('y') }, undefined, /names secret "branchenv\/stage\/demo\/y\/database-AbCdEf", but the credentials of stage\/demo\/demo-feature-x live in "branchenv\/stage\/demo\/demo-feature-x\/database"/],
    [{ secretArn: secretArn('demo-feature-x').replace('/database-', '/secrets/database-') }, undefined, /secrets\/database-AbCdEf", but the credentials of stage\/demo\/demo-feature-x live in/],
    [{ owner: 'bad owner' }, undefined, /event.owner "bad owner" must be/],
    [{ extra: 1 }, undefined, /unknown fields extra/],
  ])('refuses %j (tf %j) with a message saying what to change', (overrides, tf, message) => {
    expect(() => event(overrides, (tf ?? { action: 'create', prev_input: null }) as Record<string, unknown>)).toThrow(message);
  });

  it('refuses an event without tf (lifecycle_scope not CRUD), and a non-object event', () => {
    expect(() => parseEvent(envInput('x'), RULES)).toThrow(/no "tf" object: set lifecycle_scope = "CRUD"/);
    expect(() => parseEvent('create', RULES)).toThrow(/must be a JSON object/);
  });

  it('reserves only the pg_ prefix, not names that merely start with pg', () => {
    expect(event({ database: 'pg-x', role: 'pgbouncer-x' }).input.database).toBe('pg-x');
  });

  it('reserves the master user name even when it fits the name pattern', () => {
    expect(() => parseEvent({ ...envInput('x'), role: 'admin', tf: { action: 'create' } }, { ...RULES, masterUsername: 'admin' })).toThrow(
      /event.role "admin" is reserved for the cluster itself/,
    );
  });

  it('checks prev_input on update but not on delete', () => {
    expect(() => event({}, { action: 'update', prev_input: { database: 'x' } })).toThrow(/tf.prev_input.role must be a string/);
    expect(event({}, { action: 'delete', prev_input: { database: 'x' } }).previous).toBeUndefined();
  });
});

describe('configuration', () => {
  const env = { MASTER_SECRET_ARN: 'arn:m', DATABASE_HOST: 'db.example', SECRET_NAME_PREFIX: 'branchenv/stage/' };
  it('defaults to port 5432 and verified TLS', () => {
    const config = readConfig(env);
    expect(config).toEqual({ masterSecretArn: 'arn:m', host: 'db.example', port: 5432, secretNamePrefix: 'branchenv/stage/', ssl: 'verify-full' });
    expect(clientConfig(config, 'u', 'p')).toMatchObject({ database: 'postgres', ssl: { rejectUnauthorized: true }, connectionTimeoutMillis: 30_000 });
  });
  it('refuses missing or malformed settings', () => {
    expect(() => readConfig({ ...env, DATABASE_HOST: ' ' })).toThrow(/DATABASE_HOST is not set/);
    expect(() => readConfig({ ...env, DATABASE_PORT: '70000' })).toThrow(/DATABASE_PORT "70000" is not a TCP port/);
    expect(() => readConfig({ ...env, DATABASE_SSL: 'require' })).toThrow(/must be verify-full \(default\) or disable/);
  });
});

describe('quoting and SCRAM against the real server', () => {
  let server: TestPostgres;
  let su: Client;
  beforeAll(async () => {
    server = await startPostgres();
    su = await server.superuser();
  }, 60_000);
  afterAll(async () => {
    await su?.end();
    await server?.stop();
  });

  it('the test server needs Debian\'s PostgreSQL and says so loudly when it is missing', () => {
    expect(postgresBinDir()).toMatch(/^\/usr\/lib\/postgresql\/\d+\/bin$/);
    expect(() => postgresBinDir('/nonexistent')).toThrow(/install Debian's postgresql \(apt-get install postgresql\); CI installs it/);
  });

  const nasty = ['plain', 'demo-feature-x', 'Mixed', 'a"b', '"', `it's`, `back\\slash`, `a"; DROP DATABASE postgres; --`, `'); DROP ROLE x; --`, 'ünï'];

  it.each(nasty)('quoteIdent(%j) is one identifier with exactly that name', async (name) => {
    const { rows, fields } = await su.query(`SELECT 1 AS ${quoteIdent(name)}`);
    expect(fields.map((x) => x.name)).toEqual([name]);
    expect(rows).toHaveLength(1);
    expect(quoteIdent(name)).toBe(`"${name.replace(/"/g, '""')}"`);
  });

  it.each(nasty)('quoteLiteral(%j) matches format(%%L) and reads back unchanged', async (value) => {
    const server = await su.query<{ quoted: string }>(`SELECT format('%L', $1::text) AS quoted`, [value]);
    expect(quoteLiteral(value)).toBe(server.rows[0].quoted);
    const back = await su.query<{ v: string }>(`SELECT ${quoteLiteral(value)}::text AS v`);
    expect(back.rows[0].v).toBe(value);
  });

  it('refuses NUL characters in identifiers and literals', () => {
    expect(() => quoteIdent('a\0b')).toThrow(/NUL/);
    expect(() => quoteLiteral('a\0b')).toThrow(/NUL/);
  });

  it('scramSha256Verifier with the server’s salt equals the verifier PostgreSQL stored for the same password', async () => {
    await su.query(`SET password_encryption = 'scram-sha-256'`);
    await su.query(`CREATE ROLE scram_probe PASSWORD 'Pa55-word_with.punct!'`);
    const { rows } = await su.query<{ stored: string }>(`SELECT rolpassword AS stored FROM pg_authid WHERE rolname = 'scram_probe'`);
    const stored = rows[0].stored;
    const salt = Buffer.from(/^SCRAM-SHA-256\$4096:([^$]+)\$/.exec(stored)![1], 'base64');
    expect(scramSha256Verifier('Pa55-word_with.punct!', salt)).toBe(stored);
  });

  it('a fresh verifier has a random 16-byte salt and PostgreSQL accepts it as a SCRAM login', async () => {
    const verifier = scramSha256Verifier('correct horse');
    expect(verifier).not.toBe(scramSha256Verifier('correct horse'));
    expect(Buffer.from(verifier.split(/[:$]/)[2], 'base64')).toHaveLength(16);
    await su.query(`CREATE ROLE scram_login LOGIN PASSWORD ${quoteLiteral(verifier)}`);
    const client = await server.connect('scram_login', 'correct horse', 'postgres');
    await client.end();
    await expect(server.connect('scram_login', 'wrong horse', 'postgres')).rejects.toThrow(/password authentication failed/);
    expect(() => scramSha256Verifier('pässword')).toThrow(/printable ASCII/);
  });
});
