import { expandShortFlags } from '../../src/cli/main';
import { runEnvScript } from '../helpers/env-script';
import { gitCheckout } from '../helpers/git-checkout';

// The operate commands through the real env script: their short flags, and what they refuse before any AWS call.
const repo = gitCheckout('feature/Login-Form', 1, 'branchenv-operate-');
const env = (args: string[]) => runEnvScript(args, { cwd: repo, env: { AWS_EC2_METADATA_DISABLED: 'true' } });

describe('operating an env from the script', () => {
  it('draws the env with -g, with no AWS account', () => {
    const result = env(['-g', '--set', 'demo', '--format', 'mermaid']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('title: "stage / demo / feature-login-28bb00"');
    expect(result.stdout).toMatch(/svc_web -->\|":15001 http2"\| svc_api/);
  });

  it('takes -w as logs --follow and -g as graph, and refuses local logs before any AWS call', () => {
    expect(expandShortFlags(['-w', 'feature-x', '--set', 'demo'])).toEqual(['logs', 'feature-x', '--set', 'demo', '--follow']);
    expect(expandShortFlags(['-g', '--set', 'demo'])).toEqual(['graph', '--set', 'demo']);
    const result = env(['-w', '--set', 'demo', '--local']);
    expect(result.stderr).toMatch(/^env: logs is not possible in local mode|^env: logs.*local mode/m);
    expect(result.status).toBe(1);
  });

  it('refuses status in local mode, and exec in prod, before any AWS call', () => {
    expect(env(['status', '--set', 'demo', '--local']).stderr).toMatch(/status is not possible in local mode/);
    expect(env(['exec', '--set', 'demo', '--tier', 'prod', '--service', 'web']).stderr).toMatch(/exec is not available in prod/);
  });
});
