import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { TerraformStack, Testing } from 'cdktf';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCAL_REGION, LocalS3, startLocalS3 } from '../../src/local/local-s3';
import { configureBackend } from '../../src/stacks/backend';
import { readEnvState, s3ClientFor } from '../../src/state/env-states';
import { runTerraform } from '../../src/terraform/run-terraform';
import { freePort } from '../helpers/docker-registry';
import { terraformCliConfig } from '../helpers/terraform-harness';

// Terraform's own S3 locking (use_lockfile: a PUT of <key>.tflock with If-None-Match: *) holds
// against local mode's store: of two applies at once, the second cannot take the lock.
const KEY = 'stage/services/demo/lock-test/terraform.tfstate';
let s3: LocalS3;

beforeAll(async () => {
  s3 = await startLocalS3(fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-tflock-')), await freePort());
});
afterAll(() => s3.close());

/** A folder with local mode's backend and one resource whose apply takes a few seconds. */
async function slowStack(): Promise<string> {
  const stack = new TerraformStack(Testing.app(), 'lock-test');
  configureBackend(stack, { kind: 's3', bucket: s3.bucket, key: KEY, region: LOCAL_REGION, endpoint: s3.endpoint });
  const json = {
    ...(JSON.parse(Testing.synth(stack)) as object),
    resource: { terraform_data: { slow: { input: 'x', provisioner: [{ 'local-exec': { command: 'sleep 4' } }] } } },
    output: { branch: { value: 'feature/Lock-Test' } },
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-tflock-stack-'));
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(json, null, 2));
  await runTerraform(['init', '-input=false'], { cwd: dir, cliConfigFile: terraformCliConfig() });
  return dir;
}

it('refuses a second apply while the first holds the lock file', async () => {
  const [first, second] = [await slowStack(), await slowStack()];
  const client = await s3ClientFor({ bucket: s3.bucket, region: LOCAL_REGION, endpoint: s3.endpoint });
  const applying = runTerraform(['apply', '-auto-approve', '-input=false'], { cwd: first, cliConfigFile: terraformCliConfig() });
  const lockExists = () => client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `${KEY}.tflock` })).then(() => true, () => false);
  let settled = false;
  applying.finally(() => (settled = true)).catch(() => undefined);
  while (!settled && !(await lockExists())) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(settled).toBe(false); // the first apply holds the lock now

  const refused = runTerraform(['apply', '-auto-approve', '-input=false', '-lock-timeout=0s'], { cwd: second, cliConfigFile: terraformCliConfig() });
  await expect(refused).rejects.toThrow(/Error acquiring the state lock[\s\S]*StatusCode: 412/);

  await applying;
  expect(await lockExists()).toBe(false);
  // The state the first apply wrote, read as list and reap read it.
  expect(await readEnvState(client, s3.bucket, KEY)).toMatchObject({ env: 'lock-test', branch: 'feature/Lock-Test', resources: 1 });
}, 120000);
