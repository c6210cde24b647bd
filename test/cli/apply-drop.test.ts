import * as fs from 'node:fs';
import * as path from 'node:path';
import { runEnvScript } from '../helpers/env-script';
import { gitCheckout } from '../helpers/git-checkout';

// apply, drop and show need an AWS account; here a stand-in `terraform` on PATH answers like
// terraform would (plan with changes, show -json, apply's -json events, outputs), so the env
// script's own flow is tested: approval, progress, URLs.
let repo: string;
let bin: string;

const FAKE_TERRAFORM = `#!/bin/bash
log="$(dirname "$0")/calls.log"
echo "$*" >> "$log"
case "$1" in
  init) echo "Terraform has been successfully initialized!" ;;
  plan)
    touch plan.bin
    if [[ " $* " == *" -destroy "* ]]; then echo destroy > plan.kind; else echo apply > plan.kind; fi
    echo "Terraform will perform the following actions:"; echo "  + aws_ecs_service.web_service"; exit 2 ;;
  show)
    if [[ "$(cat plan.kind)" == destroy ]]; then a='"delete"'; else a='"create"'; fi
    echo "{\\"resource_changes\\":[{\\"address\\":\\"aws_ecs_service.web_service\\",\\"type\\":\\"aws_ecs_service\\",\\"change\\":{\\"actions\\":[$a]}},{\\"address\\":\\"aws_lb_listener_rule.routes_web_env_host\\",\\"type\\":\\"aws_lb_listener_rule\\",\\"change\\":{\\"actions\\":[$a]}}]}" ;;
  apply)
    for addr in aws_ecs_service.web_service aws_lb_listener_rule.routes_web_env_host; do
      echo "{\\"type\\":\\"apply_start\\",\\"hook\\":{\\"resource\\":{\\"addr\\":\\"$addr\\"},\\"action\\":\\"create\\"}}"
      echo "{\\"type\\":\\"apply_complete\\",\\"hook\\":{\\"resource\\":{\\"addr\\":\\"$addr\\"},\\"action\\":\\"create\\"}}"
    done ;;
  output) echo '{"urls":{"value":["https://demo-feature-x.stage.branchenv.example.com"]},"env":{"value":"feature-x"}}' ;;
esac
`;

beforeAll(() => {
  repo = gitCheckout('feature-x', 1, 'branchenv-apply-');
  bin = path.join(repo, 'fake-bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'terraform'), FAKE_TERRAFORM, { mode: 0o755 });
});

function env(args: string[]) {
  return runEnvScript(args, { cwd: repo, env: { PATH: `${bin}:${process.env.PATH}`, TF_PLUGIN_MIRROR: '' }, input: '' });
}

describe('apply, drop and show around terraform', () => {
  it('refuses to apply without approval when nobody can be asked', () => {
    const result = env(['apply', '--set', 'demo', '--tag', 't1']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Apply these changes to feature-x: needs approval, and there is no terminal to ask\n\s+pass --auto-approve \(-A\)/);
    expect(fs.readFileSync(path.join(bin, 'calls.log'), 'utf8')).not.toMatch(/^apply/m);
  });

  it('applies the saved plan with -A, reporting progress, then prints the env`s URLs', () => {
    const result = env(['-A', '--set', 'demo', '--tag', 't1']);
    expect(result.stderr).toContain('[1/2]');
    expect(result.stderr).toMatch(/\[2\/2\] \d\d:\d\d/);
    expect(result.stdout.trim().split('\n').pop()).toBe('https://demo-feature-x.stage.branchenv.example.com');
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(bin, 'calls.log'), 'utf8')).toMatch(/^apply -input=false -json plan\.bin/m);
  });

  it('drops with -D: a destroy plan, applied', () => {
    const result = env(['-D', '--set', 'demo']);
    expect(result.stdout).toContain('DESTROY aws_ecs_service.web_service');
    expect(result.stderr).toContain('dropped feature-x');
    expect(result.status).toBe(0);
    expect(fs.readFileSync(path.join(bin, 'calls.log'), 'utf8')).toMatch(/^plan -input=false -detailed-exitcode -out=plan\.bin -destroy/m);
  });

  it('shows the env`s outputs as JSON', () => {
    const result = env(['-s', '--set', 'demo', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ urls: ['https://demo-feature-x.stage.branchenv.example.com'], env: 'feature-x' });
  });
});
