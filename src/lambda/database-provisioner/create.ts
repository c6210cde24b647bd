/**
 * The create path, also the end of every update: make the env's role, secret and database exist as
 * asked, idempotently. A retried create keeps the password already in the secret, so it never
 * rotates credentials under running services; the secret only ever receives the role's password.
 */
import type { ProvisionContext } from './context';
import { generatePassword, logLine } from './context';
import type { EnvDatabaseInput } from './event';
import { quoteIdent, quoteLiteral } from './identifiers';
import { databaseOwnership, ensureMembership, markerOf, refuseForeign, roleOwnership } from './catalog';
import { isScramSafePassword, scramSha256Verifier } from './scram';
import { DatabaseSecret, parseSecretJson } from './secret-store';

const DUPLICATE_OBJECT = '42710';
const DUPLICATE_DATABASE = '42P04';

/** A secret the password may be taken from: the env's own, or on update the previous one. */
export interface PasswordSource {
  readonly secretArn: string;
  readonly username: string;
}

function errorCode(error: unknown): string | undefined {
  return (error as { code?: string }).code;
}

/** The password stored for `username` in a secret value, if it is one we can set again. */
function storedPassword(value: string | undefined, username: string): string | undefined {
  const json = parseSecretJson(value);
  const password = json?.password;
  return json?.username === username && typeof password === 'string' && isScramSafePassword(password) ? password : undefined;
}

/** The previous secret's password; unreadable (deleted, scheduled for deletion) means none. */
async function fallbackPassword(ctx: ProvisionContext, fallback: PasswordSource): Promise<string | undefined> {
  try {
    return storedPassword(await ctx.secrets.read(fallback.secretArn), fallback.username);
  } catch {
    return undefined;
  }
}

/** Creates the role, or sets its password and attributes again, and marks it, in one transaction. */
async function ensureRole(ctx: ProvisionContext, input: EnvDatabaseInput, owners: readonly string[], password: string, retried = false): Promise<void> {
  const { sql } = ctx;
  const ownership = await roleOwnership(sql, input.role, owners);
  refuseForeign('role', input.role, ownership, input.owner);
  const role = quoteIdent(input.role);
  const verifier = quoteLiteral(scramSha256Verifier(password));
  await sql.query('BEGIN');
  try {
    // INHERIT, not NOINHERIT: the role is granted no other role, but since PostgreSQL 15 the `public`
    // schema belongs to pg_database_owner, whose rights a NOINHERIT owner would not get (no CREATE TABLE).
    if (ownership.state === 'absent') {
      await sql.query(`CREATE ROLE ${role} LOGIN PASSWORD ${verifier} NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT`);
    } else {
      await sql.query(`ALTER ROLE ${role} LOGIN NOCREATEDB NOCREATEROLE INHERIT PASSWORD ${verifier}`);
    }
    await sql.query(`COMMENT ON ROLE ${role} IS ${quoteLiteral(markerOf(input.owner))}`);
    await sql.query('COMMIT');
  } catch (error) {
    await sql.query('ROLLBACK');
    // Created concurrently since we looked: look again (ours: alter it; foreign: refuse).
    if (errorCode(error) === DUPLICATE_OBJECT && !retried) return ensureRole(ctx, input, owners, password, true);
    throw error;
  }
  await ensureMembership(sql, input.role);
  logLine(ctx, { step: ownership.state === 'absent' ? 'role created' : 'role password set', role: input.role });
}

/** Creates the database owned by the role (outside a transaction, as PostgreSQL requires) and locks it to that role. */
async function ensureDatabase(ctx: ProvisionContext, input: EnvDatabaseInput, owners: readonly string[]): Promise<void> {
  const { sql } = ctx;
  const db = quoteIdent(input.database);
  const role = quoteIdent(input.role);
  const ownership = await databaseOwnership(sql, input.database, owners, input.role);
  refuseForeign('database', input.database, ownership, input.owner);
  let created = false;
  if (ownership.state === 'absent') {
    try {
      await sql.query(`CREATE DATABASE ${db} OWNER ${role}`);
      created = true;
    } catch (error) {
      if (errorCode(error) !== DUPLICATE_DATABASE) throw error;
      refuseForeign('database', input.database, await databaseOwnership(sql, input.database, owners, input.role), input.owner);
    }
  }
  if (!created) await sql.query(`ALTER DATABASE ${db} OWNER TO ${role}`);
  await sql.query(`COMMENT ON DATABASE ${db} IS ${quoteLiteral(markerOf(input.owner))}`);
  await sql.query(`REVOKE ALL ON DATABASE ${db} FROM PUBLIC`);
  await sql.query(`GRANT ALL ON DATABASE ${db} TO ${role}`);
  logLine(ctx, { step: created ? 'database created' : 'database ensured', database: input.database, role: input.role });
}

/**
 * Makes the env's role, secret and database exist.
 * @param owners owners whose marker counts as ours (the env's; on update also the previous owner)
 * @param fallback on update, the previous secret, whose password is kept when the env's secret has none
 */
export async function ensureEnvDatabase(ctx: ProvisionContext, input: EnvDatabaseInput, owners: readonly string[], fallback?: PasswordSource): Promise<void> {
  const { sql } = ctx;
  // Refuse foreign objects before touching anything, the secret included.
  const role = await roleOwnership(sql, input.role, owners);
  refuseForeign('role', input.role, role, input.owner);
  const db = await databaseOwnership(sql, input.database, owners, role.state === 'ours' ? input.role : undefined);
  refuseForeign('database', input.database, db, input.owner);

  const current = await ctx.secrets.read(input.secretArn);
  let password = storedPassword(current, input.role);
  if (password === undefined && fallback) password = await fallbackPassword(ctx, fallback);
  password ??= (ctx.newPassword ?? generatePassword)();

  // The role gets the password first: the secret never holds one the role does not have.
  await ensureRole(ctx, input, owners, password);
  const secret: DatabaseSecret = { engine: 'postgres', host: ctx.host, port: ctx.port, dbname: input.database, username: input.role, password };
  const value = JSON.stringify(secret);
  // An unchanged value is not written again (each PutSecretValue adds a version).
  if (value !== current) await ctx.secrets.write(input.secretArn, value);
  await ensureDatabase(ctx, input, owners);
}
