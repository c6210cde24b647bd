/**
 * The provisioner's core: one Terraform action on one env's database and role. Pure of the
 * environment: everything it uses comes in through the ProvisionContext.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ProvisionContext, ProvisionResult } from './context';
import { logLine } from './context';
import { ensureEnvDatabase } from './create';
import { dropEnvDatabase } from './delete';
import type { EnvDatabaseInput, ProvisionEvent } from './event';
import { quoteIdent } from './identifiers';
import { databaseOwnership, ensureMembership, roleOwnership, terminateDatabaseSessions } from './catalog';

const OBJECT_IN_USE = '55006';
const RENAME_ATTEMPTS = 3;

/** Renames the previous role to the new name when only the old one exists and it is ours. */
async function renameRole(ctx: ProvisionContext, prev: EnvDatabaseInput, next: EnvDatabaseInput): Promise<void> {
  if (prev.role === next.role) return;
  const from = await roleOwnership(ctx.sql, prev.role, [prev.owner, next.owner]);
  const to = await roleOwnership(ctx.sql, next.role, [prev.owner, next.owner]);
  if (from.state !== 'ours' || to.state !== 'absent') return;
  // A renamed role loses an MD5 password; the create path that follows sets the password again.
  await ctx.sql.query(`ALTER ROLE ${quoteIdent(prev.role)} RENAME TO ${quoteIdent(next.role)}`);
  logLine(ctx, { step: 'role renamed', from: prev.role, role: next.role });
}

/** Renames the previous database when only the old one exists and it is ours, ending its sessions first. */
async function renameDatabase(ctx: ProvisionContext, prev: EnvDatabaseInput, next: EnvDatabaseInput): Promise<void> {
  if (prev.database === next.database) return;
  const owners = [prev.owner, next.owner];
  const roleIsOurs = (await roleOwnership(ctx.sql, next.role, owners)).state === 'ours';
  const from = await databaseOwnership(ctx.sql, prev.database, owners, roleIsOurs ? next.role : undefined);
  const to = await databaseOwnership(ctx.sql, next.database, owners);
  if (from.state !== 'ours' || to.state !== 'absent') return;
  if (roleIsOurs) await ensureMembership(ctx.sql, next.role);
  const sql = `ALTER DATABASE ${quoteIdent(prev.database)} RENAME TO ${quoteIdent(next.database)}`;
  for (let attempt = 1; ; attempt++) {
    await terminateDatabaseSessions(ctx.sql, prev.database);
    try {
      await ctx.sql.query(sql);
      break;
    } catch (error) {
      // A client reconnected between the terminate and the rename: end it again.
      if ((error as { code?: string }).code !== OBJECT_IN_USE || attempt >= RENAME_ATTEMPTS) throw error;
    }
  }
  logLine(ctx, { step: 'database renamed', from: prev.database, database: next.database });
}

/** Applies an update: nothing when the input is unchanged, else rename what moved and run the create path. */
async function update(ctx: ProvisionContext, input: EnvDatabaseInput, previous?: EnvDatabaseInput): Promise<'unchanged' | 'updated'> {
  if (previous && isDeepStrictEqual(input, previous)) return 'unchanged';
  if (!previous) {
    await ensureEnvDatabase(ctx, input, [input.owner]);
    return 'updated';
  }
  await renameRole(ctx, previous, input);
  await renameDatabase(ctx, previous, input);
  const fallback = previous.secretArn === input.secretArn ? undefined : { secretArn: previous.secretArn, username: previous.role };
  await ensureEnvDatabase(ctx, input, [input.owner, previous.owner], fallback);
  return 'updated';
}

async function run(ctx: ProvisionContext, event: ProvisionEvent): Promise<ProvisionResult['action']> {
  switch (event.action) {
    case 'create':
      await ensureEnvDatabase(ctx, event.input, [event.input.owner]);
      return 'created';
    case 'update':
      return update(ctx, event.input, event.previous);
    case 'delete':
      return dropEnvDatabase(ctx, event.input);
  }
}

/** Runs one validated event and returns the result for Terraform's state (no password). */
export async function provision(ctx: ProvisionContext, event: ProvisionEvent): Promise<ProvisionResult> {
  const action = await run(ctx, event);
  const { database, role, owner } = event.input;
  logLine(ctx, { action, database, role, owner });
  return { action, database, role, host: ctx.host, port: ctx.port };
}
