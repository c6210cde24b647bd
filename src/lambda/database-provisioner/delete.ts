/**
 * The delete path: drop the env's database (ending its sessions first) and its role, when they
 * carry the env's marker. Missing objects are success, so a retried delete succeeds; foreign
 * objects are refused. The secret is left to Terraform, which deletes it.
 */
import type { ProvisionContext } from './context';
import { logLine } from './context';
import type { EnvDatabaseInput } from './event';
import { quoteIdent } from './identifiers';
import {
  databaseOwnership,
  dropMembership,
  ensureMembership,
  refuseForeign,
  roleOwnership,
  terminateDatabaseSessions,
  terminateRoleSessions,
} from './catalog';

const DEPENDENT_OBJECTS = '2BP01';

/** Drops what exists of the env's database and role; 'absent' when neither existed. */
export async function dropEnvDatabase(ctx: ProvisionContext, input: EnvDatabaseInput): Promise<'deleted' | 'absent'> {
  const { sql } = ctx;
  const owners = [input.owner];
  const role = await roleOwnership(sql, input.role, owners);
  refuseForeign('role', input.role, role, input.owner);
  const db = await databaseOwnership(sql, input.database, owners, role.state === 'ours' ? input.role : undefined);
  refuseForeign('database', input.database, db, input.owner);

  if (db.state === 'ours') {
    // Dropping needs ownership, which the master user has through membership in the owner role.
    if (role.state === 'ours') await ensureMembership(sql, input.role);
    const ended = await terminateDatabaseSessions(sql, input.database);
    await sql.query(`DROP DATABASE IF EXISTS ${quoteIdent(input.database)} WITH (FORCE)`);
    logLine(ctx, { step: 'database dropped', database: input.database, sessionsEnded: ended });
  }
  if (role.state === 'ours') {
    const ended = await terminateRoleSessions(sql, input.role);
    await dropMembership(sql, input.role);
    try {
      await sql.query(`DROP ROLE IF EXISTS ${quoteIdent(input.role)}`);
    } catch (error) {
      if ((error as { code?: string }).code !== DEPENDENT_OBJECTS) throw error;
      throw new Error(
        `role "${input.role}" still owns or has privileges on objects outside its database (${(error as Error).message}; ${(error as { detail?: string }).detail ?? ''}): ` +
          `REASSIGN OWNED BY / DROP OWNED BY "${input.role}" in those databases, then delete again`,
      );
    }
    logLine(ctx, { step: 'role dropped', role: input.role, sessionsEnded: ended });
  }
  return db.state === 'absent' && role.state === 'absent' ? 'absent' : 'deleted';
}
