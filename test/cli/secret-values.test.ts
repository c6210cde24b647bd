import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort } from '../helpers/docker-registry';
import { runEnvScript } from '../helpers/env-script';
import { FakeSecretsManager, startFakeSecretsManager } from '../helpers/fake-secrets-manager';
import { gitCheckout } from '../helpers/git-checkout';

// Secret values go to Secrets Manager and nowhere else: an env secret set through the script, then
// the env planned with the real terraform (local mode), leaves no trace of the value in the
// synthesized JSON, plan.bin, plan.json, plan.md or anything the commands print.
const VALUE = 'sentinel-9f3c1e-secret-value';
let repo: string;
let secretsManager: FakeSecretsManager;
let s3Port: number;
const printed: string[] = [];

function env(args: string[], input = '') {
  const result = runEnvScript(args, { cwd: repo, env: { ...secretsManager.env, BRANCHENV_LOCAL_S3_PORT: String(s3Port) }, input });
  printed.push(result.stdout, result.stderr);
  return result;
}

/** Every file under `dir`, as text (binary files too: a value would show in them as its bytes). */
function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file.includes(`${path.sep}.terraform${path.sep}`)) continue; // providers
    out[file] = fs.readFileSync(file).toString('latin1');
  }
  return out;
}

beforeAll(async () => {
  repo = gitCheckout('feature-x', 1, 'branchenv-secret-values-');
  s3Port = await freePort();
  secretsManager = await startFakeSecretsManager(`${repo}/secrets-manager`);
}, 30000);
afterAll(() => secretsManager.close());

describe('an env secret value', () => {
  it('is stored in Secrets Manager from stdin and never printed', () => {
    const result = env(['secrets', 'set', '--set', 'demo', 'session-signing-key'], VALUE);
    expect(result.status).toBe(0);
    expect(secretsManager.secrets()).toEqual({ 'branchenv/stage/demo/feature-x/secrets/session-signing-key': VALUE });
  });

  it('appears in no synthesized JSON, plan file or output of a plan of the env, which carries the database and the secret reference', () => {
    const result = env(['plan', '--set', 'demo', '--local', '--tag', 'feature-x-1-abc1234', '--plan-json']);
    expect(result.status).toBe(0);
    const files = filesUnder(path.join(repo, '.branchenv'));
    const stack = Object.keys(files).find((f) => f.endsWith(`env-stage-demo-feature-x${path.sep}plan.json`))!;
    const plan = JSON.parse(files[stack]) as { resource_changes: { address: string }[] };
    const addresses = plan.resource_changes.map((c) => c.address);
    expect(addresses).toEqual(expect.arrayContaining(['aws_lambda_invocation.db_provisioning', 'aws_secretsmanager_secret.db_credentials', 'aws_lambda_invocation.api_migrate_run']));
    expect(files[stack]).toContain('branchenv/stage/demo/feature-x/secrets/session-signing-key');
    for (const [file, content] of Object.entries(files)) expect({ file, leaks: content.includes(VALUE) }).toEqual({ file, leaks: false });
    expect(printed.join('\n')).not.toContain(VALUE);
  }, 120000);
});
