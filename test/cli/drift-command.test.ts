import { freePort } from '../helpers/docker-registry';
import { runEnvScript } from '../helpers/env-script';
import { installFakeTerraform } from '../helpers/fake-terraform';
import { FakeStateBucket, startFakeStateBucket, stateWith } from '../helpers/fake-state-bucket';
import { gitCheckout } from '../helpers/git-checkout';

// `env drift`: refresh-only plans of the base and the protected envs. Drift itself needs real AWS
// objects, so a stand-in terraform reports it for the base's folder; local mode runs the real one.
const BUCKET = 'branchenv-tfstate-111111111111-eu-west-1';
const FAKE = `#!/bin/bash
here="$(dirname "$0")"
echo "$(basename "$PWD") $*" >> "$here/calls.log"
case "$1" in
  version) echo '{"terraform_version":"1.11.4"}' ;;
  init) echo "Terraform has been successfully initialized!" ;;
  plan) touch drift.bin; if [[ "$(basename "$PWD")" == base-* ]]; then exit 2; fi; echo "No changes." ;;
  show)
    if [[ "$(basename "$PWD")" == base-* ]]; then
      echo '{"resource_drift":[{"address":"aws_security_group.ingress_security_group","change":{"actions":["update"]}}]}'
    else echo '{}'; fi ;;
  output) echo '{}' ;;
esac
`;

describe('env drift', () => {
  let bucket: FakeStateBucket;
  let repo: string;
  let terraformBin: string;

  beforeAll(async () => {
    repo = gitCheckout('main', 1, 'branchenv-drift-');
    terraformBin = installFakeTerraform(repo, FAKE).bin;
    bucket = await startFakeStateBucket(`${repo}/bucket`);
    bucket.put(BUCKET, 'stage/services/demo/develop/terraform.tfstate', stateWith({ env: 'develop', branch: 'develop', shard: 1 }, { aws_ecs_service: 3 }));
    bucket.put(BUCKET, 'stage/services/demo/feature-x/terraform.tfstate', stateWith({ env: 'feature-x', branch: 'feature-x', shard: 2 }, { aws_ecs_service: 3 }));
  });
  afterAll(() => bucket.close());

  const env = (args: string[]) => runEnvScript(args, { cwd: repo, env: { PATH: `${terraformBin}:${process.env.PATH}`, TF_PLUGIN_MIRROR: '', ...bucket.env } });

  it('plans the base and each protected env refresh-only, names what drifted, and exits 2', () => {
    const result = env(['drift', '--tier', 'stage']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('DRIFTED  base stage: 1 resource(s)\n    update aws_security_group.ingress_security_group\nin sync  demo/develop\n');
  });

  it('gives the same as JSON, and never plans envs that are not protected', () => {
    const result = env(['drift', '--json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual([
      { stack: 'base stage', drifted: true, resources: [{ address: 'aws_security_group.ingress_security_group', actions: ['update'] }] },
      { stack: 'demo/develop', drifted: false, resources: [] },
    ]);
    expect(result.stderr).not.toContain('feature-x');
  });

  it('writes Markdown for a CI job summary with --markdown (same exit code), and refuses --markdown with --json', () => {
    const result = env(['drift', '--markdown']);
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/^### branchenv drift of `stage`\n\n\*\*1 of 2 stack\(s\) drifted\*\*/);
    expect(result.stdout).toContain('| `base stage` | drifted | 1 |\n| `demo/develop` | in sync | 0 |');
    expect(result.stdout).toContain('- update `aws_security_group.ingress_security_group`');
    const both = env(['drift', '--markdown', '--json']);
    expect(both.status).toBe(1);
    expect(both.stderr).toMatch(/--markdown and --json each choose the output: pass one/);
  });
});

describe('env drift --local', () => {
  it('finds a base without state in sync, and compares no env (local env states are simulated)', async () => {
    const repo = gitCheckout('main', 1, 'branchenv-drift-local-');
    const result = runEnvScript(['drift', '--local'], { cwd: repo, env: { BRANCHENV_LOCAL_S3_PORT: String(await freePort()) } });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('in sync  base stage\n');
    expect(result.stdout).toContain('(local mode: env states there are simulated, so only the base is compared)');
  }, 120_000);
});
