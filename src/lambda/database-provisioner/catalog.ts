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

/** `server_version_num`: 150000 and up. */
async function serverVersion(sql: ClientBase): Promise<number> {
  const { rows } = await sql.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  return Number(rows[0].v);
}

/**
 * Makes the current user able to act as `role`. The RDS master user is no superuser: creating,
 * altering or dropping a database owned by `role` needs membership with SET (to own as it) and
 * INHERIT (to use its rights). PostgreSQL 16 gives the creator of a role an ADMIN membership
 * without INHERIT or SET (createrole_self_grant is empty by default), so a membership row alone
 * is not enough: the rights themselves are checked, and 16 grants them explicitly.
 */
export async function ensureMembership(sql: ClientBase, role: string): Promise<void> {
  const sixteen = (await serverVersion(sql)) >= 160000;
  const check = sixteen
    ? `SELECT pg_has_role(current_user, $1, 'SET') AND pg_has_role(current_user, $1, 'USAGE') AS ok`
    : `SELECT pg_has_role(current_user, $1, 'USAGE') AS ok`;
  const { rows } = await sql.query<{ ok: boolean }>(check, [role]);
  if (rows[0]?.ok) return;
  await sql.query(`GRANT ${quoteIdent(role)} TO CURRENT_USER${sixteen ? ' WITH INHERIT TRUE, SET TRUE' : ''}`);
}

/** Ends the current user's membership in `role`, if any. */
export async function dropMembership(sql: ClientBase, role: string): Promise<void> {
  if (await isMember(sql, role)) await sql.query(`REVOKE ${quoteIdent(role)} FROM CURRENT_USER`);
}
