import * as fs from 'node:fs';
import * as path from 'node:path';
import { runEnvScript } from '../helpers/env-script';
import { FakeStateBucket, startFakeStateBucket } from '../helpers/fake-state-bucket';
import { FakeSecretsManager, startFakeSecretsManager } from '../helpers/fake-secrets-manager';
import { installFakeTerraform } from '../helpers/fake-terraform';
import { gitCheckout } from '../helpers/git-checkout';

// What the env script says when terraform fails, is too old or is missing, and which files it claims
// to have written. A stand-in `terraform` on PATH answers; FAKE_TF_* variables pick its behaviour.
let repo: string;
let bin: string;

const PLAN_ERRORS = `
Error: Extraneous JSON object property

  on cdk.tf.json line 31, in resource.aws_sqs_queue.q:
  31:         "bogus": 1

No argument or block type is named "bogus".

Error: Reference to undeclared resource

  on cdk.tf.json line 37, in output.o:
  37:       "value": "\${aws_sqs_queue.nope.id}"

A managed resource "aws_sqs_queue" "nope" has not been declared in the root
module.
`;

const APPLY_ERROR = JSON.stringify({
  '@level': 'error',
  '@message': 'Error: creating SQS Queue (q1): AccessDenied',
  type: 'diagnostic',
  diagnostic: {
    severity: 'error',
    summary: 'creating SQS Queue (q1): operation error SQS: CreateQueue, StatusCode: 403, api error AccessDenied',
    detail: 'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sqs:createqueue',
    address: 'aws_sqs_queue.q',
    range: { filename: 'cdk.tf.json', start: { line: 31, column: 9, byte: 1 }, end: { line: 31, column: 12, byte: 4 } },
    snippet: { context: 'resource.aws_sqs_queue.q', code: '        "q": {', start_line: 31, highlight_start_offset: 8, highlight_end_offset: 11, values: [] },
  },
});

const FAKE_TERRAFORM = `#!/bin/bash
echo "$*" >> "$(dirname "$0")/calls.log"
case "$1" in
  version) [[ "$FAKE_TF_VERSION" == none ]] && { echo "usage: something else"; exit 0; }
    echo "{\\"terraform_version\\": \\"\${FAKE_TF_VERSION:-1.11.4}\\", \\"platform\\": \\"linux_amd64\\"}" ;;
  init) echo "Terraform has been successfully initialized!" ;;
  plan)
    rm -f plan.bin
    if [[ "$FAKE_TF_PLAN" == fail ]]; then echo "Planning..."; cat >&2 <<'EOF'
${PLAN_ERRORS}
EOF
      exit 1
    fi
    [[ "$FAKE_TF_PLAN" == no-file ]] || touch plan.bin
    echo "Terraform will perform the following actions:"; exit 2 ;;
  show) echo '{"resource_changes":[{"address":"aws_sqs_queue.q","type":"aws_sqs_queue","change":{"actions":["create"]}}]}' ;;
  apply)
    echo '{"type":"apply_start","hook":{"resource":{"addr":"aws_sqs_queue.q"},"action":"create"}}'
    cat <<'EOF'
${APPLY_ERROR}
EOF
    exit 1 ;;
  output) echo '{}' ;;
esac
`;

let secretsManager: FakeSecretsManager;
let stateBucket: FakeStateBucket;
beforeAll(async () => {
  repo = gitCheckout('feature-x', 1, 'branchenv-tffail-');
  bin = installFakeTerraform(repo, FAKE_TERRAFORM).bin;
  // apply refuses while the demo set's env secret is not set: a stand-in Secrets Manager holds it.
  secretsManager = await startFakeSecretsManager(`${repo}/secrets-manager`);
  secretsManager.seed({ 'branchenv/stage/demo/feature-x/secrets/session-signing-key': 'k' });
  // An empty state bucket: shard placement reads it before synthesis.
  stateBucket = await startFakeStateBucket(`${repo}/state-bucket`);
});
afterAll(() => {
  secretsManager.close();
  stateBucket.close();
});

beforeEach(() => fs.rmSync(path.join(bin, 'calls.log'), { force: true }));

function env(args: string[], vars: Record<string, string> = {}) {
  return runEnvScript(args, { cwd: repo, env: { PATH: `${bin}:${process.env.PATH}`, TF_PLUGIN_MIRROR: '', ...secretsManager.env, ...stateBucket.env, ...vars }, input: '' });
}

const calls = () => fs.readFileSync(path.join(bin, 'calls.log'), 'utf8').trim().split('\n');
const STACK_TRACE = /\n\s+at .*\.js:\d+/;

describe('a failing terraform command', () => {
  it('shows every error block whole (summary, file and line, detail) and the stack trace only with --debug', () => {
    const result = env(['plan', '--set', 'demo', '--tag', 't1'], { FAKE_TF_PLAN: 'fail' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(PLAN_ERRORS.trim());
    expect(result.stderr).toMatch(/^env: terraform plan failed \(exit code 1\) in \S+env-stage-demo-feature-x:$/m);
    expect(result.stderr).toMatch(/fix the definition .*, or run again with --debug/);
    expect(result.stderr).not.toContain('Planning...');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    // The JS stack trace is for --debug only.
    const debug = env(['plan', '--set', 'demo', '--tag', 't1', '--debug'], { FAKE_TF_PLAN: 'fail' });
    expect(debug.stderr).toContain(PLAN_ERRORS.trim());
    expect(debug.stderr).toMatch(STACK_TRACE);
  });

  it('shows the diagnostics of a -json command (apply) as terraform would print them', () => {
    const result = env(['-A', '--set', 'demo', '--tag', 't1']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      [
        'Error: creating SQS Queue (q1): operation error SQS: CreateQueue, StatusCode: 403, api error AccessDenied',
        '',
        '  with aws_sqs_queue.q,',
        '  on cdk.tf.json line 31, in resource.aws_sqs_queue.q:',
        '  31:         "q": {',
        '',
        'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: sqs:createqueue',
      ].join('\n'),
    );
    expect(result.stderr).not.toContain('apply_start');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('the terraform binary', () => {
  it('is checked once per run', () => {
    const result = env(['plan', '--set', 'demo', '--tag', 't1']);
    expect(result.status).toBe(0);
    expect(calls().filter((c) => c.startsWith('version'))).toHaveLength(1);
    expect(calls()[0]).toMatch(/^version/);
  });

  it('is refused when older than 1.10, before it runs anything else', () => {
    const result = env(['plan', '--set', 'demo', '--tag', 't1'], { FAKE_TF_VERSION: '1.9.8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^env: terraform 1\.9\.8 is too old: branchenv needs ≥ 1\.10 \(S3 state locking\)\n\s+install Terraform 1\.10 or newer/m);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(calls()).toEqual([expect.stringMatching(/^version/)]);
  });

  it('is refused when it names no version, whatever answers to the name', () => {
    const result = env(['plan', '--set', 'demo', '--tag', 't1'], { FAKE_TF_VERSION: 'none' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^env: terraform did not name its version \(terraform version -json\): is it terraform\?/m);
    expect(calls()).toEqual([expect.stringMatching(/^version/)]);
  });

  it('is named with what to do when it is missing', () => {
    const result = runEnvScript(['plan', '--set', 'demo', '--tag', 't1'], { cwd: repo, env: { PATH: '/usr/bin:/bin', TF_PLUGIN_MIRROR: '' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^env: terraform is not on PATH\n\s+install Terraform 1\.10 or newer \(https:\/\/developer\.hashicorp\.com\/terraform\/install\)/m);
    expect(result.stderr).not.toMatch(/--debug/);
  });
});

describe('the files a plan reports', () => {
  it('names plan.bin only when terraform wrote it', () => {
    const withFile = env(['plan', '--set', 'demo', '--tag', 't1']);
    expect(withFile.stdout).toMatch(/^Wrote \S+plan\.bin, \S+plan\.txt$/m);
    const without = env(['plan', '--set', 'demo', '--tag', 't1'], { FAKE_TF_PLAN: 'no-file' });
    expect(without.status).toBe(0);
    expect(without.stdout).not.toContain('plan.bin');
    expect(without.stdout).toMatch(/^Wrote \S+plan\.txt$/m);
  });
});
