/**
 * `env secrets` and `drop` through the real entry (scripts/env), with a stand-in Secrets Manager
 * (a local HTTP stub, reached through the SDK's own AWS_ENDPOINT_URL_SECRETS_MANAGER) and, for drop,
 * the stand-in terraform: the value goes in on stdin and never comes out; drop deletes the env's
 * secrets only after the destroy succeeded, or alone when Terraform has nothing left.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ENV_SCRIPT } from '../helpers/env-script';
import { FakeTerraform, installFakeTerraform } from '../helpers/fake-terraform';
import { gitCheckout } from '../helpers/git-checkout';
import { sendJson, StubServer, stubServer } from '../helpers/http-stub';
import { FakeStateBucket, startFakeStateBucket, stateWith } from '../helpers/fake-state-bucket';

const prefix = 'branchenv/stage/demo/feature-x/secrets/';
const VALUE = 'sk_live_never-printed';

/** The stand-in's secrets (name → value), the calls it got (`Action SecretId|Name`), and a check run on each call. */
const secrets = new Map<string, string>();
const calls: string[] = [];
let onCall: (action: string) => void = () => undefined;
let denyDelete = false;
let stub: StubServer;
let stateBucket: FakeStateBucket;

beforeAll(async () => {
  // An empty state bucket: shard placement reads it before synthesis.
  stateBucket = await startFakeStateBucket(fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-secrets-bucket-')));
  // feature-x has state (drop plans it); never-had has none.
  stateBucket.put('branchenv-tfstate-111111111111-eu-west-1', 'stage/services/demo/feature-x/terraform.tfstate', stateWith({ env: 'feature-x', branch: 'feature-x' }, { aws_ecs_service: 1 }));
  stub = await stubServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const action = String(req.headers['x-amz-target']).replace('secretsmanager.', '');
      const input = JSON.parse(body || '{}') as { Name?: string; SecretId?: string; SecretString?: string; Filters?: { Values: string[] }[] };
      const id = input.SecretId ?? input.Name ?? '';
      calls.push(`${action} ${id}`.trim());
      onCall(action);
      const fail = (type: string) => sendJson(res, { __type: type, message: type }, { 'x-amzn-errortype': type }, 400);
      if (action === 'CreateSecret') {
        if (secrets.has(id)) return fail('ResourceExistsException');
        secrets.set(id, input.SecretString ?? '');
        return sendJson(res, { Name: id });
      }
      if (action === 'PutSecretValue') return secrets.has(id) ? (secrets.set(id, input.SecretString ?? ''), sendJson(res, {})) : fail('ResourceNotFoundException');
      if (action === 'ListSecrets') {
        const wanted = input.Filters?.[0].Values[0].toLowerCase() ?? '';
        return sendJson(res, { SecretList: [...secrets.keys()].filter((n) => n.toLowerCase().startsWith(wanted)).map((Name) => ({ Name, LastChangedDate: 1_795_000_000 })) });
      }
      if (action === 'DeleteSecret') {
        if (denyDelete) return fail('AccessDeniedException');
        return secrets.delete(id) ? sendJson(res, {}) : fail('ResourceNotFoundException');
      }
      fail('AccessDeniedException'); // never GetSecretValue
    });
  });
});
afterAll(() => {
  stub.close();
  stateBucket.close();
});
beforeEach(() => {
  secrets.clear();
  calls.length = 0;
  onCall = () => undefined;
  denyDelete = false;
});
afterEach(() => expect(calls.filter((c) => c.startsWith('GetSecretValue'))).toEqual([]));

interface Result {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** scripts/env without blocking this process (the stub answers from here). */
function env(args: string[], options: { cwd?: string; input?: string; path?: string } = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(ENV_SCRIPT, args, {
      cwd: options.cwd,
      env: {
        ...process.env,
        PATH: `${options.path ? `${options.path}:` : ''}${process.env.PATH}`,
        TF_PLUGIN_MIRROR: '',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://${stub.host}`,
        AWS_ACCESS_KEY_ID: 'AKIATEST',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_PROFILE: '',
        AWS_ENDPOINT_URL_S3: stateBucket.env.AWS_ENDPOINT_URL_S3,
        AWS_ENDPOINT_URL_SERVICE_QUOTAS: stateBucket.env.AWS_ENDPOINT_URL_SERVICE_QUOTAS,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

describe('env secrets through scripts/env', () => {
  it('sets a value piped on stdin without printing it, lists and removes it', async () => {
    const set = await env(['secrets', 'set', 'feature-x', '--set', 'demo', 'session-signing-key'], { input: `${VALUE}\n` });
    expect(set).toMatchObject({ status: 0, stdout: 'set session-signing-key for feature-x (created)\n' });
    expect(set.stdout + set.stderr).not.toContain(VALUE);
    expect(secrets.get(`${prefix}session-signing-key`)).toBe(VALUE);

    const again = await env(['secrets', 'set', 'feature-x', '--set', 'demo', 'session-signing-key'], { input: 'v2' });
    expect(again.stdout).toBe('set session-signing-key for feature-x (updated)\n');
    expect(secrets.get(`${prefix}session-signing-key`)).toBe('v2');

    const list = await env(['secrets', 'list', 'feature-x', '--set', 'demo', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([{ name: 'session-signing-key', lastChanged: new Date(1_795_000_000_000).toISOString() }]);

    const rm = await env(['secrets', 'rm', 'feature-x', '--set', 'demo', 'session-signing-key']);
    expect(rm).toMatchObject({ status: 0, stdout: 'deleted session-signing-key from feature-x\n' });
    const rmAgain = await env(['secrets', 'rm', 'feature-x', '--set', 'demo', 'session-signing-key']);
    expect(rmAgain).toMatchObject({ status: 0, stdout: 'session-signing-key was not set\n' });
  });

  it('refuses a value given as an argument, and local mode, without calling AWS', async () => {
    const argv = await env(['secrets', 'set', '--set', 'demo', 'API_KEY', VALUE], { input: 'x' });
    expect(argv.status).toBe(1);
    expect(argv.stderr).toContain('printf %s "$VALUE" | env secrets set');
    expect(argv.stdout + argv.stderr).not.toContain(VALUE);
    const local = await env(['secrets', 'list', 'feature-x', '--set', 'demo', '--local']);
    expect(local.status).toBe(1);
    expect(local.stderr).toMatch(/local mode/);
    expect(calls).toEqual([]);
  });
});

describe('drop and the env secrets', () => {
  /** A checkout of feature-x with the stand-in terraform; `override` replaces some of its answers (bash case arms). */
  function checkout(override?: string): { repo: string; terraform: FakeTerraform; bin: string } {
    const repo = gitCheckout('feature-x', 1, 'branchenv-secrets-drop-');
    const terraform = installFakeTerraform(repo);
    if (!override) return { repo, terraform, bin: terraform.bin };
    const bin = path.join(repo, 'override-bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'terraform'), `#!/bin/bash\ncase "$1" in\n${override}\nesac\nexec "${terraform.bin}/terraform" "$@"\n`, { mode: 0o755 });
    return { repo, terraform, bin };
  }
  const seed = (...names: string[]) => names.forEach((n) => secrets.set(`${prefix}${n}`, 'v'));
  const secretCalls = () => calls.filter((c) => /^(ListSecrets|DeleteSecret)/.test(c));

  it('deletes every env secret after the destroy succeeded, and says which', async () => {
    const { repo, terraform, bin } = checkout();
    seed('A', 'B');
    secrets.set('branchenv/stage/demo/feature-xy/secrets/OTHER', 'v');
    const appliedFirst: boolean[] = [];
    onCall = (action) => {
      if (action === 'DeleteSecret') appliedFirst.push(terraform.calls().some((c) => c.split(' ')[1] === 'apply'));
    };
    const result = await env(['-D', '--set', 'demo'], { cwd: repo, path: bin });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('DESTROY aws_ecs_service.web_service');
    expect(terraform.calls().join('\n')).toMatch(/^\S+ plan -input=false -detailed-exitcode -out=plan\.bin -destroy/m);
    expect(result.stderr).toMatch(/dropped feature-x\ndeleted env secrets: A, B\n/);
    expect(appliedFirst).toEqual([true, true]);
    expect([...secrets.keys()]).toEqual(['branchenv/stage/demo/feature-xy/secrets/OTHER']);
  });

  it('deletes no secret when the destroy fails', async () => {
    const { repo, bin } = checkout('  apply) echo "Error: destroy failed" >&2; exit 1 ;;');
    seed('A');
    const result = await env(['-D', '--set', 'demo'], { cwd: repo, path: bin });
    expect(result.status).toBe(1);
    expect(result.stderr).not.toContain('dropped feature-x');
    expect(secretCalls()).toEqual([]);
    expect(secrets.has(`${prefix}A`)).toBe(true);
  });

  it('deletes the secrets of an env that has nothing left in Terraform, and says so', async () => {
    const nothing = '  plan) touch plan.bin; echo "No changes."; exit 0 ;;\n  show) echo \'{"resource_changes":[]}\'; exit 0 ;;';
    const { repo, bin } = checkout(nothing);
    seed('A');
    const result = await env(['-D', '--set', 'demo'], { cwd: repo, path: bin });
    expect(result).toMatchObject({ status: 0 });
    expect(result.stderr).toContain('feature-x has nothing left to destroy in Terraform, but still has env secrets: A\ndeleted env secrets: A\n');
    expect(secrets.size).toBe(0);

    const empty = await env(['-D', '--set', 'demo'], { cwd: repo, path: bin });
    expect(empty).toMatchObject({ status: 0, stderr: expect.stringContaining('feature-x has nothing to destroy\n') });
    expect(empty.stderr).not.toContain('deleted env secrets');
  });

  it('says an env with no state and no env secrets is absent, without running terraform (CI drops on every closed pull request)', async () => {
    const { repo, terraform, bin } = checkout();
    seed('A'); // feature-x's, not never-had's
    const result = await env(['-D', 'never-had', '--set', 'demo'], { cwd: repo, path: bin });
    expect(result).toMatchObject({ status: 0, stderr: 'no env never-had in stage/demo: no state and no env secrets, nothing to drop\n' });
    expect(terraform.calls().filter((c) => c.split(' ')[1] !== 'version')).toEqual([]);
    expect(secretCalls()).toEqual(['ListSecrets']);
  });

  it('says the env is dropped but its secrets are not when deleting them is refused', async () => {
    const { repo, bin } = checkout();
    seed('A');
    denyDelete = true;
    const result = await env(['-D', '--set', 'demo'], { cwd: repo, path: bin });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('dropped feature-x\n');
    expect(result.stderr).toMatch(/env: the env secrets of feature-x \(branchenv\/stage\/demo\/feature-x\/secrets\/\*\) were not deleted: access denied: secretsmanager:DeleteSecret/);
    expect(result.stderr).toMatch(/run `env drop feature-x --set demo --tier stage` again/);
  });
});
