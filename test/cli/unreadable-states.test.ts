import { PutObjectCommand } from '@aws-sdk/client-s3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCAL_REGION, startLocalS3 } from '../../src/local/local-s3';
import { s3ClientFor } from '../../src/state/env-states';
import { freePort } from '../helpers/docker-registry';
import { runEnvScript } from '../helpers/env-script';

// A corrupt state object in the bucket: list and reap name it and go on; drop-base refuses, naming it.
let port: number;

/** A project folder whose local store holds these objects (text as is, objects as JSON). */
async function projectWith(objects: Record<string, string | object>): Promise<string> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-unreadable-'));
  const s3 = await startLocalS3(path.join(work, '.branchenv', 'local', 's3'), port);
  try {
    const client = await s3ClientFor({ bucket: s3.bucket, region: LOCAL_REGION, endpoint: s3.endpoint });
    for (const [key, body] of Object.entries(objects)) {
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: typeof body === 'string' ? body : JSON.stringify(body) }));
    }
  } finally {
    await s3.close();
  }
  return work;
}

const env = (work: string, args: string[]) => runEnvScript(args, { cwd: work, env: { BRANCHENV_LOCAL_S3_PORT: String(port) } });
const state = (expiresOn: string, resources: number) => ({ version: 4, outputs: { expires_on: { value: expiresOn } }, resources: Array(resources).fill({}) });
const BROKEN = 'stage/services/demo/broken/terraform.tfstate';
const CUT = 'stage/services/demo/cut/terraform.tfstate';
let mixed: string;

beforeAll(async () => {
  port = await freePort();
  mixed = await projectWith({
    'stage/services/demo/alive/terraform.tfstate': state('2099-01-01', 2),
    [BROKEN]: 'this is not json',
    [CUT]: JSON.stringify(state('2020-01-01', 3)).slice(0, 40),
    'stage/services/demo/old-one/terraform.tfstate': state('2020-01-01', 1),
  });
}, 30000);

describe('a corrupt state among others', () => {
  it('list names each unreadable state by key on stderr and lists the others', () => {
    const result = env(mixed, ['list', '--local']);
    expect(result.stdout.split('\n').filter(Boolean).map((line) => line.split('\t')[1])).toEqual(['alive', 'old-one']);
    expect(result.stderr).toContain(`env: skipped ${BROKEN}: not a Terraform state (not valid JSON`);
    expect(result.stderr).toContain(`env: skipped ${CUT}: not a Terraform state (`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(1);
  });

  it('list --json keeps its output and reports the unreadable states on stderr', () => {
    const result = env(mixed, ['list', '--local', '--json']);
    expect((JSON.parse(result.stdout) as { env: string }[]).map((s) => s.env)).toEqual(['alive', 'old-one']);
    expect(result.stderr).toContain(`env: skipped ${BROKEN}: not a Terraform state`);
    expect(result.status).toBe(1);
  });

  it('reap judges the readable states and names the others', () => {
    const result = env(mixed, ['reap', '--local']);
    expect(result.stdout).toBe('would drop demo/old-one: expired on 2020-01-01\ndry run: pass --yes to drop them\n');
    expect(result.stderr).toContain(`env: skipped ${CUT}: not a Terraform state`);
    expect(result.status).toBe(1);
  });

  it('drop-base refuses, naming the live envs and the unreadable states', () => {
    const result = env(mixed, ['drop-base', '--tier', 'stage', '--local']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/refusing to destroy the stage base: 2 envs still have state under it \(demo\/alive, demo\/old-one\), and 2 states cannot be read \(stage\/services\/demo\/broken\/terraform\.tfstate, …\)/);
  });
});

describe('drop-base with a corrupt state and no live env', () => {
  it('refuses: the state it cannot read may hold live resources', async () => {
    const work = await projectWith({
      'stage/services/demo/dropped/terraform.tfstate': state('2099-01-01', 0),
      [BROKEN]: '[1, 2',
    });
    const result = env(work, ['drop-base', '--tier', 'stage', '--local']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`env: refusing to destroy the stage base: a state under it cannot be read and may hold live resources: ${BROKEN}: not a Terraform state (`);
    expect(result.stderr).not.toContain('drop-base is not possible in local mode');
  }, 30000);
});
