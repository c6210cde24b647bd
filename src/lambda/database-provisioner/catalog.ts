/**
 * Catalog look-ups the provisioner decides on (always with bind parameters), and the ownership
 * marker: a `branchenv:<owner>` comment on the database and the role. Objects without our marker
 * belong to another env or to a person; the provisioner never shares nor takes them over.
 */
import type { ClientBase } from 'pg';
import { quoteIdent } from './identifiers';

/** The comment that marks a database or role as belonging to one env. */
export function markerOf(owner: string): string {
  return `branchenv:${owner}`;
}

/** Whether an object exists, and if so whose it is. */
export type Ownership =
  | { readonly state: 'absent' }
  | { readonly state: 'ours' }
  | { readonly state: 'foreign'; readonly marker: string | null };

/** The human words for a marker in error messages. */
export function describeMarker(marker: string | null): string {
  return marker === null ? 'no branchenv env (it has no branchenv:<owner> comment: made by hand or by something else)' : `"${marker}"`;
}

/** Whose the role is, given the owners accepted as ours (the env's, and on update its previous one). */
export async function roleOwnership(sql: ClientBase, role: string, owners: readonly string[]): Promise<Ownership> {
  const { rows } = await sql.query<{ marker: string | null }>(
    `SELECT shobj_description(oid, 'pg_authid') AS marker FROM pg_roles WHERE rolname = $1`,
    [role],
  );
  if (rows.length === 0) return { state: 'absent' };
  const marker = rows[0].marker;
  return marker !== null && owners.map(markerOf).includes(marker) ? { state: 'ours' } : { state: 'foreign', marker };
}

/**
 * Whose the database is. A database with no comment yet but owned by `ourRole` (a role we marked)
 * is ours too: CREATE DATABASE and COMMENT cannot share a transaction, so a retry after a failure
 * between them finds it so, and only the master user can create databases owned by an env's role.
 */
export async function databaseOwnership(sql: ClientBase, database: string, owners: readonly string[], ourRole?: string): Promise<Ownership> {
  const { rows } = await sql.query<{ marker: string | null; owner_role: string }>(
    `SELECT shobj_description(oid, 'pg_database') AS marker, pg_get_userbyid(datdba) AS owner_role FROM pg_database WHERE datname = $1`,
    [database],
  );
  if (rows.length === 0) return { state: 'absent' };
  const { marker, owner_role: ownerRole } = rows[0];
  if (marker !== null && owners.map(markerOf).includes(marker)) return { state: 'ours' };
  if (marker === null && ourRole !== undefined && ownerRole === ourRole) return { state: 'ours' };
  return { state: 'foreign', marker };
}

/** Throws when an object exists and is not ours, naming both owners. */
export function refuseForeign(kind: 'database' | 'role', name: string, ownership: Ownership, owner: string): void {
  if (ownership.state !== 'foreign') return;
  throw new Error(
    `${kind} "${name}" already exists and belongs to ${describeMarker(ownership.marker)}, not "${markerOf(owner)}": ` +
      `branchenv never shares or takes over a ${kind}. Drop or rename that ${kind}, or give this env another ${kind} name.`,
  );
}

/** Ends every session connected to `database` (needs pg_signal_backend for other roles' sessions). */
export async function terminateDatabaseSessions(sql: ClientBase, database: string): Promise<number> {
  const { rows } = await sql.query<{ ended: boolean }>(
    `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  return rows.length;
}

/** Ends every session of `role`, in any database. */
export async function terminateRoleSessions(sql: ClientBase, role: string): Promise<number> {
  const { rows } = await sql.query<{ ended: boolean }>(
    `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE usename = $1 AND pid <> pg_backend_pid()`,
    [role],
  );
  return rows.length;
}

/** Whether the current user is a direct member of `role`. */
async function isMember(sql: ClientBase, role: string): Promise<boolean> {
  const { rows } = await sql.query(
    `SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid
      WHERE r.rolname = $1 AND m.member = (SELECT oid FROM pg_roles WHERE rolname = current_user)`,
    [role],
  );
  return rows.length > 0;
}

/**
 * Makes the current user a member of `role`. The RDS master user is no superuser: creating,
 * altering or dropping a database owned by `role` needs this membership (PostgreSQL 15/16).
 */
export async function ensureMembership(sql: ClientBase, role: string): Promise<void> {
  if (!(await isMember(sql, role))) await sql.query(`GRANT ${quoteIdent(role)} TO CURRENT_USER`);
}

/** Ends the current user's membership in `role`, if any. */
export async function dropMembership(sql: ClientBase, role: string): Promise<void> {
  if (await isMember(sql, role)) await sql.query(`REVOKE ${quoteIdent(role)} FROM CURRENT_USER`);
}
