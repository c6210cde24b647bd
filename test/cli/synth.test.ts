import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROJECT_ROOT as root, runEnvScript } from '../helpers/env-script';


function env(args: string[], cwd = root) {
  return runEnvScript(args, { cwd });
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-cli-'));
}

/** Stack JSON without the fields that legitimately differ between two synth runs. */
function stable(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

describe('scripts/env synth', () => {
  it('writes only the named stack of the named tier, where cdktf would', () => {
    const out = tempDir();
    const result = env(['synth', 'base', '--tier', 'stage', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(fs.readdirSync(path.join(out, 'stacks'))).toEqual(['base-stage']);
    const json = stable(path.join(out, 'stacks/base-stage/cdk.tf.json')) as { resource: object };
    expect(Object.keys(json.resource)).toContain('aws_vpc');
    expect(result.stdout).toContain('base-stage');
  });

  it('writes every stack when none is named, and lists them as JSON on request', () => {
    const out = tempDir();
    const result = env(['synth', '--out', out, '--json']);
    expect(result.status).toBe(0);
    const listed = JSON.parse(result.stdout) as { stack: string; file: string }[];
    expect(listed.map((s) => s.stack).sort()).toEqual(['base-prod', 'base-stage', 'state-bucket-prod', 'state-bucket-stage']);
    for (const s of listed) expect(fs.existsSync(s.file)).toBe(true);
  });

  it('gives the state bucket local state with --bootstrap and its own bucket without', () => {
    const out = tempDir();
    env(['synth', 'state-bucket', '--tier', 'stage', '--bootstrap', '--out', path.join(out, 'a')]);
    env(['synth', 'state-bucket', '--tier', 'stage', '--out', path.join(out, 'b')]);
    const read = (dir: string) =>
      (stable(path.join(out, dir, 'stacks/state-bucket-stage/cdk.tf.json')) as { terraform: { backend: object } }).terraform.backend;
    expect(Object.keys(read('a'))).toEqual(['local']);
    expect(read('b')).toEqual({
      s3: expect.objectContaining({ key: 'bootstrap/state-bucket/terraform.tfstate', use_lockfile: true }),
    });
  });

  it('produces the same stacks as the cdktf.json app', () => {
    const viaCli = tempDir();
    const viaApp = tempDir();
    expect(env(['synth', '--out', viaCli]).status).toBe(0);
    const cdktfJson = JSON.parse(fs.readFileSync(path.join(root, 'cdktf.json'), 'utf8')) as { app: string };
    const [command, ...args] = cdktfJson.app.split(' ');
    execFileSync(command, args, { cwd: root, env: { ...process.env, CDKTF_OUTDIR: viaApp } });
    const ids = fs.readdirSync(path.join(viaCli, 'stacks')).sort();
    expect(fs.readdirSync(path.join(viaApp, 'stacks')).sort()).toEqual(ids);
    for (const id of ids) {
      expect(stable(path.join(viaApp, 'stacks', id, 'cdk.tf.json'))).toEqual(stable(path.join(viaCli, 'stacks', id, 'cdk.tf.json')));
    }
  });

  it('refuses an unknown stack with the list of known ones, in one or two lines and exit code 1', () => {
    const result = env(['synth', 'vpc', '--out', tempDir()]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/unknown stack "vpc"/);
    expect(result.stderr).toMatch(/choose from: base, state-bucket/);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('refuses an unknown tier and explains the choices', () => {
    const result = env(['synth', 'base', '--tier', 'qa']);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Choices: "stage", "prod"/);
  });

  it('documents itself with --help', () => {
    const result = env(['synth', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/--tier/);
    expect(result.stdout).toMatch(/--bootstrap/);
    expect(env(['--help']).stdout).toMatch(/synth/);
  });
});
