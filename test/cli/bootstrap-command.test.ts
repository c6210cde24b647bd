import * as fs from 'node:fs';
import * as path from 'node:path';
import { runEnvScript } from '../helpers/env-script';
import { installFakeTerraform } from '../helpers/fake-terraform';
import { FakeStateBucket, startFakeStateBucket } from '../helpers/fake-state-bucket';
import { gitCheckout } from '../helpers/git-checkout';

// `env bootstrap`: the state bucket applied with local state, that state moved into the bucket.
// A stand-in terraform creates the "bucket" in the stand-in S3's folder on apply and copies the
// local state there on `init -migrate-state`; the stand-in also answers STS.
const BUCKET = 'branchenv-tfstate-111111111111-eu-west-1';
const KEY = 'bootstrap/state-bucket/terraform.tfstate';
const FAKE = `#!/bin/bash
here="$(dirname "$0")"
echo "$(basename "$PWD") $*" >> "$here/calls.log"
case "$1" in
  version) echo '{"terraform_version":"1.11.4"}' ;;
  init)
    if [[ " $* " == *" -migrate-state "* ]]; then
      mkdir -p "$FAKE_S3_DIR/${BUCKET}/bootstrap/state-bucket"; cp terraform.tfstate "$FAKE_S3_DIR/${BUCKET}/${KEY}"
    fi
    echo "Terraform has been successfully initialized!" ;;
  plan)
    touch plan.bin
    if [[ -f "$FAKE_S3_DIR/${BUCKET}/${KEY}" ]]; then echo no-op > plan.kind; echo "No changes."; exit 0; fi
    echo create > plan.kind; echo "Terraform will perform the following actions:"; exit 2 ;;
  show) echo '{"resource_changes":[{"address":"aws_s3_bucket.state_bucket","type":"aws_s3_bucket","change":{"actions":["'"$(cat plan.kind)"'"]}}]}' ;;
  apply)
    mkdir -p "$FAKE_S3_DIR/${BUCKET}"; echo '{"version":4}' > terraform.tfstate
    echo '{"type":"apply_complete","hook":{"resource":{"addr":"aws_s3_bucket.state_bucket"},"action":"create"}}' ;;
  output) echo '{}' ;;
esac
`;

describe('env bootstrap', () => {
  let repo: string;
  let bin: string;
  let bucket: FakeStateBucket;
  const s3Dir = () => path.join(repo, 's3');

  beforeEach(async () => {
    repo = gitCheckout('main', 1, 'branchenv-bootstrap-');
    bin = installFakeTerraform(repo, FAKE).bin;
    bucket = await startFakeStateBucket(s3Dir());
  });
  afterEach(() => bucket.close());

  const env = (args: string[]) =>
    runEnvScript(args, { cwd: repo, env: { PATH: `${bin}:${process.env.PATH}`, TF_PLUGIN_MIRROR: '', FAKE_S3_DIR: s3Dir(), ...bucket.env } });
  const calls = () => fs.readFileSync(path.join(bin, 'calls.log'), 'utf8').trim().split('\n').map((c) => c.split(' ').slice(1).filter((a) => a !== '-no-color').join(' '));
  const stackDir = () => path.join(repo, '.branchenv', 'stacks', 'state-bucket-stage');

  it('creates the bucket with local state, moves that state into it and removes the local copy', () => {
    const result = env(['bootstrap', '--tier', 'stage', '--yes']);
    expect(result.status).toBe(0);
    expect(calls()).toEqual(['version -json', 'init -input=false -reconfigure', 'plan -input=false -detailed-exitcode -out=plan.bin', 'show -json plan.bin', 'apply -input=false -json plan.bin', 'init -input=false -migrate-state -force-copy']);
    expect(fs.existsSync(path.join(s3Dir(), BUCKET, KEY))).toBe(true);
    expect(fs.existsSync(path.join(stackDir(), 'terraform.tfstate'))).toBe(false);
    expect(result.stderr).toContain(`state bucket ${BUCKET} is ready; its own state is in s3://${BUCKET}/${KEY}`);
    const stack = JSON.parse(fs.readFileSync(path.join(stackDir(), 'cdk.tf.json'), 'utf8')) as { terraform: { backend: Record<string, { key?: string }> } };
    expect(stack.terraform.backend.s3.key).toBe(KEY);
  });

  it('says what exists and changes nothing when run again', () => {
    expect(env(['bootstrap', '--yes']).status).toBe(0);
    fs.rmSync(path.join(bin, 'calls.log'));
    const again = env(['bootstrap', '--yes']);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`state bucket ${BUCKET} exists and holds its own state (s3://${BUCKET}/${KEY}), and the tier's repositories exist: nothing to do`);
    // A plan of the bootstrap stack against its state in the bucket, and nothing applied.
    expect(calls()).toEqual(['version -json', 'plan -input=false -detailed-exitcode -out=plan.bin', 'show -json plan.bin']);
  });

  it('refuses credentials of another account before anything runs', () => {
    bucket.setAccount('222222222222');
    const result = env(['bootstrap', '--yes']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('these credentials are for account 222222222222; the stage base is in account 111111111111');
    expect(result.stderr).toContain('correct accountId in stage/base.ts');
    expect(calls()).toEqual(['version -json']);
  });

  it('asks before creating, and without a terminal says which flag goes ahead', () => {
    const result = env(['bootstrap']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Create the state bucket .* needs approval, and there is no terminal to ask\n\s+pass --yes/);
    expect(calls()).not.toContain('apply -input=false -json plan.bin');
  });

  it('refuses a bucket that exists without its own state, naming the ways out', () => {
    fs.mkdirSync(path.join(s3Dir(), BUCKET), { recursive: true });
    const result = env(['bootstrap', '--yes']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`the bucket ${BUCKET} exists but holds no state of its own`);
    expect(result.stderr).toContain('pick another state.bucket in stage/base.ts');
  });
});
