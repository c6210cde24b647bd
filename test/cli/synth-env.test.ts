import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { envNameOf } from '../../src/names/env-name';
import { PROJECT_ROOT as root, runEnvScript } from '../helpers/env-script';
import { gitCheckout } from '../helpers/git-checkout';

const env = (args: string[], cwd = root) => runEnvScript(args, { cwd });
const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-cli-env-'));

describe('scripts/env synth <env> --set', () => {
  it('writes only that env`s stack, named from the branch through the name function', () => {
    const out = tempDir();
    const result = env(['synth', 'Feature/ÄÖ_ü', '--set', 'demo', '--tag', 'feature-ao-u-e2e5fb-3-abc1234', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const id = `env-stage-demo-${envNameOf('Feature/ÄÖ_ü')}`;
    expect(fs.readdirSync(path.join(out, 'stacks'))).toEqual([id]);
    const json = JSON.parse(fs.readFileSync(path.join(out, 'stacks', id, 'cdk.tf.json'), 'utf8'));
    const web = JSON.parse(json.resource.aws_ecs_task_definition.web_task.container_definitions)[0];
    expect(web.image).toBe('111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/web:feature-ao-u-e2e5fb-3-abc1234');
  });

  it('takes an env name as well as a branch name, and pins single services with --image', () => {
    const out = tempDir();
    const result = env(['synth', 'feature-login', '--set', 'demo', '--tier', 'prod', '--tag', 't1', '--image', 'api=registry.example.com/api:pinned', '--out', out, '--json']);
    expect(result.status).toBe(0);
    const [written] = JSON.parse(result.stdout) as { stack: string; file: string }[];
    expect(written.stack).toBe('env-prod-demo-feature-login');
    const json = JSON.parse(fs.readFileSync(written.file, 'utf8'));
    const image = (service: string) => JSON.parse(json.resource.aws_ecs_task_definition[`${service}_task`].container_definitions)[0].image;
    expect(image('api')).toBe('registry.example.com/api:pinned');
    expect(image('web')).toMatch(/\/demo\/web:t1$/);
  });

  it('writes an empty base state beside a local-mode env, so its plan needs no base', () => {
    const out = tempDir();
    expect(env(['synth', 'local-try', '--set', 'demo', '--tag', 't1', '--local', '--out', out]).status).toBe(0);
    expect(fs.existsSync(path.join(out, 'stacks/env-stage-demo-local-try/base-stage.local.tfstate'))).toBe(true);
  });

  it.each([
    [['synth', 'x', '--set', 'nope', '--tag', 't'], /unknown set "nope" for tier stage\n\s+known sets: demo/],
    [['synth', 'x', '--set', 'demo', '--registry', '127.0.0.1:9'], /3 services have no image: web: cannot list tags of 127\.0\.0\.1:9\/demo\/web/],
    [['synth', 'x', '--set', 'demo', '--image', 'api'], /--image "api" is not <service>=<image reference>/],
    [['synth', 'x', '--set', 'demo', '--tag', 't', '--image', 'db=postgres:16'], /--image names db, not in set demo/],
    [['synth', '', '--set', 'demo', '--tag', 't'], /the branch is empty/],
    [['synth', 'x', '--set', 'demo', '--tag', 'not a tag'], /--tag "not a tag" is not a valid image tag/],
    [['synth', 'a', 'b', '--set', 'demo', '--tag', 't'], /name one env, got a, b/],
  ])('fails cleanly on %j', (args, message) => {
    const result = env([...args, '--out', tempDir()]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('writes the same env as the cdktf.json app given the same inputs', () => {
    const viaCli = tempDir();
    const viaApp = tempDir();
    const args = ['synth', 'feature/x', '--set', 'demo', '--tag', 't1', '--commit', 'c0ffee1', '--created-by', 'ci', '--out', viaCli];
    expect(env(args).status).toBe(0);
    const app = spawnSync('node', ['dist/src/app.js'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDKTF_OUTDIR: viaApp, BRANCHENV_SET: 'demo', BRANCHENV_ENV: 'feature/x', BRANCHENV_TAG: 't1', BRANCHENV_COMMIT: 'c0ffee1', BRANCHENV_CREATED_BY: 'ci' },
    });
    expect(app.status).toBe(0);
    const id = `env-stage-demo-${envNameOf('feature/x')}`;
    const read = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
    expect(read(viaApp)).toEqual(read(viaCli));
  });

  it('derives the env from the checked-out branch when none is named', () => {
    const repo = gitCheckout('feature/from-git');
    const result = env(['synth', '--set', 'demo', '--tag', 't1', '--out', path.join(repo, 'out')], repo);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`env-stage-demo-${envNameOf('feature/from-git')}`);
  });
});
