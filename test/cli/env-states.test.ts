import { PutObjectCommand } from '@aws-sdk/client-s3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCAL_REGION, startLocalS3 } from '../../src/local/local-s3';
import { listEnvStates, s3ClientFor } from '../../src/state/env-states';
import { freePort } from '../helpers/docker-registry';
import { runEnvScript } from '../helpers/env-script';

// Env states in the embedded S3 server: what list, reap and drop-base read.
let work: string;
let port: number;

async function withStates(states: Record<string, object>): Promise<void> {
  const s3 = await startLocalS3(path.join(work, '.branchenv', 'local', 's3'), port);
  try {
    const client = await s3ClientFor({ bucket: s3.bucket, region: LOCAL_REGION, endpoint: s3.endpoint });
    for (const [key, body] of Object.entries(states)) {
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: JSON.stringify(body) }));
    }
    const listed = await listEnvStates(client, s3.bucket, 'stage/services/');
    expect(listed.states.map((s) => s.env)).toEqual(['feature-x', 'old-one']);
    expect(listed.unreadable).toEqual([]);
  } finally {
    await s3.close();
  }
}

const env = (args: string[]) => runEnvScript(args, { cwd: work, env: { BRANCHENV_LOCAL_S3_PORT: String(port) } });

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-states-'));
  port = await freePort();
  await withStates({
    'stage/services/demo/feature-x/terraform.tfstate': { version: 4, outputs: { expires_on: { value: '2099-01-01' } }, resources: [{}, {}] },
    'stage/services/demo/old-one/terraform.tfstate': { version: 4, outputs: { expires_on: { value: '2020-01-01' } }, resources: [{}] },
    'stage/base/stage-main/terraform.tfstate': { version: 4, outputs: {}, resources: [] },
  });
}, 30000);

describe('env states in the state bucket', () => {
  it('lists every env with its expiry and size', () => {
    const result = env(['list', '--local', '--json']);
    expect(result.status).toBe(0);
    const states = JSON.parse(result.stdout) as { env: string; expiresOn: string; resources: number }[];
    expect(states.map((s) => [s.env, s.expiresOn, s.resources])).toEqual([
      ['feature-x', '2099-01-01', 2],
      ['old-one', '2020-01-01', 1],
    ]);
  });

  it('reaps, as a dry run, only the env whose expiry passed', () => {
    const result = env(['reap', '--local']);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('would drop demo/old-one: expired on 2020-01-01\ndry run: pass --yes to drop them\n');
  });

  it('refuses to destroy the base while envs have state under it', () => {
    const result = env(['drop-base', '--tier', 'stage', '--local']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/refusing to destroy the stage base: 2 envs still have state under it \(demo\/feature-x, demo\/old-one\)/);
  });
});
