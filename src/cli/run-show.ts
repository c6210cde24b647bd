/**
 * `env show`: the env's outputs, one per line (or as JSON); the database as where/who, and its
 * password only with --reveal, read from the env's credentials secret.
 */
import { databaseLines, databaseOutputOf, readDatabasePassword } from '../database/database-output';
import { UserError } from '../errors/user-error';
import { secretsClientFor } from '../secrets/secrets-client';
import type { ShowArgs } from './command-args';

/** Before anything is synthesized: local mode has no secret to read. */
export function refuseRevealLocally(args: ShowArgs): void {
  if (args.reveal && args.local) throw new UserError('--reveal reads the password from Secrets Manager; local mode has no AWS account behind it', 'drop --local or --reveal');
}

export async function runShow(args: ShowArgs, values: Readonly<Record<string, unknown>>, region: string): Promise<void> {
  const db = databaseOutputOf(values);
  if (args.reveal && Object.keys(values).length === 0) throw new UserError('--reveal shows the database password, but the env has no state: it has not been applied (or was dropped)', 'apply it first');
  if (args.reveal && !db) throw new UserError('--reveal shows the database password, but this env has no database', 'drop --reveal');
  let password: string | undefined;
  if (args.reveal && db) {
    const client = await secretsClientFor(region);
    try {
      password = await readDatabasePassword(client, db);
    } finally {
      client.destroy();
    }
  }
  if (args.json) {
    const json = db && password !== undefined ? { ...values, database: { ...db, password } } : values;
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    return;
  }
  if (Object.keys(values).length === 0) {
    process.stdout.write('no state: the env has not been applied (or was dropped)\n');
    return;
  }
  for (const [name, value] of Object.entries(values)) {
    if (name === 'database' && db) continue;
    process.stdout.write(`${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
  }
  if (db) for (const line of databaseLines(db, password)) process.stdout.write(`${line}\n`);
}
