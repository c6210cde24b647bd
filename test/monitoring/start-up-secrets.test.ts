import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadBase } from '../../src/definitions/tiers';
import { monitoringRenderInput } from '../../src/monitoring/monitoring-settings';
import { renderMonitoring } from '../../src/monitoring/render-monitoring';

// The password part of the monitoring host's start-up script, run with bash -x (as the script once
// ran) against stand-ins for aws, docker and chown that record their arguments: Grafana's admin
// password must reach Secrets Manager and Grafana's file, and nothing else: not the trace (the
// cloud-init log and EC2 console output), not a command line (ps), not a variable's trace.
const GENERATED = 'Kn0wnGeneratedPassw0rd1234567890';
const EXISTING = 'Ex1stingStoredPassw0rd0987654321';

const STAND_IN = `#!/bin/bash
printf '%s %s\\n' "$(basename "$0")" "$*" >> "$WORK/argv.log"
[[ "$(basename "$0")" == aws ]] || exit 0
op="$2"; shift 2
secret_string=""; query=""
while [[ $# -gt 0 ]]; do
  case "$1" in --secret-string) secret_string="$2"; shift ;; --query) query="$2"; shift ;; esac
  shift
done
case "$op" in
  get-secret-value)
    if [[ -n "\${FAIL_WITH:-}" ]]; then echo "An error occurred ($FAIL_WITH) when calling the GetSecretValue operation: no" >&2; exit 254; fi
    if [[ ! -f "$WORK/stored" ]]; then
      echo "An error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: Secrets Manager can't find the specified secret value for staging label: AWSCURRENT" >&2
      exit 254
    fi
    if [[ "$query" == SecretString ]]; then cat "$WORK/stored"; echo; else echo "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x"; fi ;;
  get-random-password) echo "$GENERATED" ;;
  put-secret-value)
    if [[ "$secret_string" == file:///dev/stdin ]]; then cat > "$WORK/stored"; else printf '%s' "$secret_string" > "$WORK/stored"; fi
    echo '{"ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x", "VersionId": "v1"}' ;;
esac
`;

interface Run {
  readonly status: number | null;
  readonly output: string;
  readonly argv: string;
  readonly work: string;
  readonly secrets: string;
}

function runPasswordPart(options: { stored?: string; failWith?: string } = {}): Run {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-start-up-'));
  const secrets = path.join(work, 'secrets');
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin);
  for (const tool of ['aws', 'docker', 'chown']) fs.writeFileSync(path.join(bin, tool), STAND_IN, { mode: 0o755 });
  if (options.stored !== undefined) fs.writeFileSync(path.join(work, 'stored'), options.stored);
  const script = renderMonitoring({ ...monitoringRenderInput(loadBase('stage')), secretsDir: secrets })['start-up.sh'];
  const start = script.indexOf("# Grafana's admin password");
  expect(start).toBeGreaterThan(0);
  fs.writeFileSync(path.join(work, 'part.sh'), script.slice(start));
  const result = spawnSync('bash', ['-x', '-euo', 'pipefail', path.join(work, 'part.sh')], {
    encoding: 'utf8',
    env: { PATH: `${bin}:${process.env.PATH}`, WORK: work, GENERATED, ...(options.failWith ? { FAIL_WITH: options.failWith } : {}) },
  });
  const argv = fs.existsSync(path.join(work, 'argv.log')) ? fs.readFileSync(path.join(work, 'argv.log'), 'utf8') : '';
  return { status: result.status, output: result.stdout + result.stderr, argv, work, secrets };
}

describe('Grafana`s admin password in the start-up script', () => {
  it('on the first boot: generated into Secrets Manager and Grafana`s file, never in the trace or on a command line', () => {
    const run = runPasswordPart();
    expect(run.output).toMatch(/\+ /); // the trace was on
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(run.work, 'stored'), 'utf8')).toBe(GENERATED);
    const file = path.join(run.secrets, 'grafana-admin-password');
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(GENERATED);
    expect(fs.statSync(file).mode & 0o777).toBe(0o400);
    expect(run.output).not.toContain(GENERATED);
    expect(run.argv).not.toContain(GENERATED);
    expect(run.argv).toMatch(/^docker run .*GF_SECURITY_ADMIN_PASSWORD__FILE=/m);
  });

  it('on a later boot: read from Secrets Manager, never regenerated, never shown', () => {
    const run = runPasswordPart({ stored: EXISTING });
    expect(run.status).toBe(0);
    expect(run.argv).not.toMatch(/put-secret-value|get-random-password/);
    expect(fs.readFileSync(path.join(run.secrets, 'grafana-admin-password'), 'utf8').trim()).toBe(EXISTING);
    expect(run.output + run.argv).not.toContain(EXISTING);
  });

  it('stops on an unexpected Secrets Manager error instead of replacing the password', () => {
    const run = runPasswordPart({ failWith: 'AccessDeniedException' });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain('AccessDeniedException');
    expect(run.argv).not.toMatch(/put-secret-value|get-random-password|docker run/);
  });
});
