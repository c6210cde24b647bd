/**
 * What the provisioning core works with: a connection to the cluster's maintenance database as the
 * master user, a secret store and the endpoint to hand out. Built by the Lambda entry or by tests.
 */
import { randomBytes } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { SecretStore } from './secret-store';

export interface ProvisionContext {
  /** Connected to the `postgres` database as the master user (CREATEROLE, CREATEDB, pg_signal_backend). */
  readonly sql: ClientBase;
  readonly secrets: SecretStore;
  /** Cluster endpoint written into the env secret and the result. */
  readonly host: string;
  readonly port: number;
  /**
   * Makes a new password.
   * @default 32 random bytes as base64url
   */
  readonly newPassword?: () => string;
  /**
   * One line per action, never a password or verifier.
   * @default console.log
   */
  readonly log?: (line: string) => void;
}

/** What the function returns; Terraform stores it in state, so it never holds a password. */
export interface ProvisionResult {
  readonly action: 'created' | 'unchanged' | 'updated' | 'deleted' | 'absent';
  readonly database: string;
  readonly role: string;
  readonly host: string;
  readonly port: number;
}

export function generatePassword(): string {
  return randomBytes(32).toString('base64url');
}

/** Writes one log line as JSON (CloudWatch Logs Insights reads its fields). */
export function logLine(ctx: ProvisionContext, fields: Record<string, string | number>): void {
  (ctx.log ?? console.log)(JSON.stringify({ source: 'branchenv-database-provisioner', ...fields }));
}
