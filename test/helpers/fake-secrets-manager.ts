/**
 * A stand-in AWS Secrets Manager in its own process, for tests that run scripts/env with spawnSync
 * (which blocks the test's process, so a server inside it could not answer). The env script reaches
 * it through the SDK's own AWS_ENDPOINT_URL_SECRETS_MANAGER; secrets live in a JSON file so a test
 * can seed and read them synchronously. Answers CreateSecret, PutSecretValue, RestoreSecret,
 * ListSecrets (name prefix, case-insensitive like AWS), DeleteSecret and GetSecretValue (by the id as
 * seeded: `show --reveal` asks by ARN); anything else is AccessDeniedException. Every call is logged
 * (`calls()`), so a test can prove a command never read a value.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SERVER = `
const fs = require('node:fs');
const http = require('node:http');
const [store, log] = process.argv.slice(1); // node -e: no script path in argv
const read = () => JSON.parse(fs.readFileSync(store, 'utf8'));
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const action = String(req.headers['x-amz-target']).replace('secretsmanager.', '');
    const input = JSON.parse(body || '{}');
    const id = input.SecretId || input.Name || '';
    fs.appendFileSync(log, (action + ' ' + id).trim() + '\\n');
    const send = (status, obj) => { res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', ...(status >= 400 ? { 'x-amzn-errortype': obj.__type } : {}) }); res.end(JSON.stringify(obj)); };
    const fail = (type) => send(400, { __type: type, message: type });
    const secrets = read();
    const save = () => fs.writeFileSync(store, JSON.stringify(secrets));
    if (action === 'CreateSecret') { if (id in secrets) return fail('ResourceExistsException'); secrets[id] = input.SecretString; save(); return send(200, { Name: id }); }
    if (action === 'PutSecretValue' || action === 'RestoreSecret') { if (!(id in secrets)) return fail('ResourceNotFoundException'); if (input.SecretString !== undefined) secrets[id] = input.SecretString; save(); return send(200, {}); }
    if (action === 'GetSecretValue') { if (!(id in secrets)) return fail('ResourceNotFoundException'); return send(200, { Name: id, SecretString: secrets[id] }); }
    if (action === 'DeleteSecret') { if (!(id in secrets)) return fail('ResourceNotFoundException'); delete secrets[id]; save(); return send(200, {}); }
    if (action === 'ListSecrets') {
      const prefix = ((input.Filters || [])[0] || { Values: [''] }).Values[0].toLowerCase();
      return send(200, { SecretList: Object.keys(secrets).filter((n) => n.toLowerCase().startsWith(prefix)).map((Name) => ({ Name, LastChangedDate: 1795000000 })) });
    }
    fail('AccessDeniedException');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

export interface FakeSecretsManager {
  /** Add to the env script's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Full secret names and values now stored. */
  secrets(): Record<string, string>;
  /** Stores `values` (full name → value). */
  seed(values: Readonly<Record<string, string>>): void;
  /** Calls so far: `Action SecretId`. */
  calls(): string[];
  close(): void;
}

/** Starts the stand-in, keeping its files in `dir`. */
export function startFakeSecretsManager(dir: string): Promise<FakeSecretsManager> {
  fs.mkdirSync(dir, { recursive: true });
  const store = path.join(dir, 'secrets.json');
  const log = path.join(dir, 'secrets-calls.log');
  fs.writeFileSync(store, '{}');
  fs.writeFileSync(log, '');
  const child = spawn(process.execPath, ['-e', SERVER, store, log], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.once('data', (chunk: Buffer) => {
      const port = chunk.toString().trim();
      resolve({
        env: { AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'AKIATEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_PROFILE: '' },
        secrets: () => JSON.parse(fs.readFileSync(store, 'utf8')) as Record<string, string>,
        seed: (values) => fs.writeFileSync(store, JSON.stringify({ ...(JSON.parse(fs.readFileSync(store, 'utf8')) as object), ...values })),
        calls: () => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean),
        close: () => void child.kill(),
      });
    });
  });
}
