import { runEnvScript } from '../helpers/env-script';
import { FakeTerraform, installFakeTerraform } from '../helpers/fake-terraform';
import { gitCheckout } from '../helpers/git-checkout';

// apply, drop and show need an AWS account; here a stand-in `terraform` on PATH answers like
// terraform would (plan with changes, show -json, apply's -json events, outputs), so the env
// script's own flow is tested: approval, progress, URLs.
let repo: string;
let terraform: FakeTerraform;

beforeAll(() => {
  repo = gitCheckout('feature-x', 1, 'branchenv-apply-');
  terraform = installFakeTerraform(repo);
  terraform.setOutputs({ urls: ['https://demo-feature-x.stage.branchenv.example.com'], env: 'feature-x' });
});

function env(args: string[]) {
  return runEnvScript(args, { cwd: repo, env: { PATH: `${terraform.bin}:${process.env.PATH}`, TF_PLUGIN_MIRROR: '' }, input: '' });
}

describe('apply, drop and show around terraform', () => {
  it('refuses to apply without approval when nobody can be asked', () => {
    const result = env(['apply', '--set', 'demo', '--tag', 't1', '--no-smoke']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Apply these changes to feature-x: needs approval, and there is no terminal to ask\n\s+pass --auto-approve \(-A\)/);
    expect(terraform.calls().filter((c) => c.split(' ')[1] === 'apply')).toEqual([]);
  });

  it('applies the saved plan with -A, reporting progress, then prints the env`s URLs', () => {
    const result = env(['-A', '--set', 'demo', '--tag', 't1', '--no-smoke']);
    expect(result.stderr).toContain('[1/2]');
    expect(result.stderr).toMatch(/\[2\/2\] \d\d:\d\d/);
    expect(result.stdout.trim().split('\n').pop()).toBe('https://demo-feature-x.stage.branchenv.example.com');
    expect(result.status).toBe(0);
    expect(terraform.calls().join('\n')).toMatch(/^\S+ apply -input=false -json plan\.bin/m);
  });

  it('drops with -D: a destroy plan, applied', () => {
    const result = env(['-D', '--set', 'demo']);
    expect(result.stdout).toContain('DESTROY aws_ecs_service.web_service');
    expect(result.stderr).toContain('dropped feature-x');
    expect(result.status).toBe(0);
    expect(terraform.calls().join('\n')).toMatch(/^\S+ plan -input=false -detailed-exitcode -out=plan\.bin -destroy/m);
  });

  it('shows the env`s outputs as JSON', () => {
    const result = env(['-s', '--set', 'demo', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ urls: ['https://demo-feature-x.stage.branchenv.example.com'], env: 'feature-x' });
  });
});
