/**
 * Client-side SCRAM-SHA-256 password verifiers, byte for byte what PostgreSQL stores in
 * pg_authid.rolpassword, so `CREATE ROLE ... PASSWORD '<verifier>'` sets a password without the
 * cleartext ever reaching the server, its statement log or pg_stat_statements (RFC 5802, RFC 7677).
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/** PostgreSQL's default `scram_iterations`. */
export const SCRAM_ITERATIONS = 4096;
export const SCRAM_SALT_BYTES = 16;

/**
 * PostgreSQL runs SASLprep over the password first; for printable ASCII that is the identity, so
 * only such passwords are accepted here (the provisioner generates base64url ones).
 */
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

export function isScramSafePassword(password: string): boolean {
  return PRINTABLE_ASCII.test(password);
}

function hmac(key: Buffer, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

/**
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` (base64) for `password`.
 * @param salt random 16 bytes unless given (tests)
 */
export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(SCRAM_SALT_BYTES), iterations = SCRAM_ITERATIONS): string {
  if (!isScramSafePassword(password)) {
    throw new Error('the password must be printable ASCII (SASLprep is not implemented): generate a new one');
  }
  const salted = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}
