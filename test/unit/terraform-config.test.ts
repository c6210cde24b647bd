import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mirroredProviders, writeCliConfig } from '../../src/terraform/cli-config';
import { missingProviders } from '../../src/terraform/installed-providers';
import { isSupportedVersion, parseTerraformVersion } from '../../src/terraform/terraform-binary';
import { offlineOverride } from '../../src/terraform/offline-overrides';
import { errorExcerpt } from '../../src/terraform/diagnostics';

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-tfcfg-'));

function fakeMirror(): string {
  const mirror = temp();
  fs.mkdirSync(path.join(mirror, 'registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64'), { recursive: true });
  return mirror;
}

describe('terraform CLI configuration', () => {
  it('installs mirrored providers only from the mirror and everything else directly', () => {
    const mirror = fakeMirror();
    const text = fs.readFileSync(writeCliConfig(temp(), { pluginMirror: mirror, pluginCacheDir: path.join(temp(), 'cache') }), 'utf8');
    expect(mirroredProviders(mirror)).toEqual(['registry.terraform.io/hashicorp/aws']);
    expect(text).toContain(`path    = ${JSON.stringify(mirror)}`);
    expect(text).toContain('include = ["registry.terraform.io/hashicorp/aws"]');
    expect(text).toContain('exclude = ["registry.terraform.io/hashicorp/aws"]');
    expect(text).toMatch(/plugin_cache_dir = ".*cache"/);
  });

  it('leaves provider installation to terraform when no mirror is set', () => {
    const text = fs.readFileSync(writeCliConfig(temp(), { pluginCacheDir: path.join(temp(), 'cache') }), 'utf8');
    expect(text).not.toContain('provider_installation');
  });

  it('changes when the mirror`s content changes, and only then (a workspace re-inits on it)', () => {
    const mirror = fakeMirror();
    const dir = temp();
    const write = () => fs.readFileSync(writeCliConfig(dir, { pluginMirror: mirror, pluginCacheDir: path.join(dir, 'cache') }), 'utf8');
    const first = write();
    expect(write()).toBe(first);
    fs.writeFileSync(path.join(mirror, 'registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws_v5.100.0_x5'), 'x');
    expect(write()).not.toBe(first);
  });

  it('says what to fix when the mirror folder is wrong', () => {
    expect(() => writeCliConfig(temp(), { pluginMirror: temp(), pluginCacheDir: temp() })).toThrow(/holds no registry\.terraform\.io folder/);
  });
});

describe('offline overrides', () => {
  it('swap the backend for a local one and keep the provider away from AWS', () => {
    const override = offlineOverride({ statePath: 'x.tfstate' }) as { terraform: object; provider: { aws: Record<string, unknown>[] } };
    expect(override.terraform).toEqual({ backend: { local: { path: 'x.tfstate' } } });
    expect(override.provider.aws[0]).toEqual(
      expect.objectContaining({ skip_credentials_validation: true, skip_requesting_account_id: true, allowed_account_ids: null }),
    );
  });
});

describe('terraform error excerpts', () => {
  it('start at the first error, not at the progress lines before it', () => {
    const output = 'Initializing...\n- Installing hashicorp/aws...\n\nError: Failed to install provider\n\nbecause of a reason\n';
    expect(errorExcerpt(output)).toBe('Error: Failed to install provider\n\nbecause of a reason');
  });
});

describe('terraform error blocks', () => {
  const detail = Array.from({ length: 40 }, (_, i) => `detail line ${i + 1}`).join('\n');
  const stderr = [
    'There are some problems with the CLI configuration:',
    '╷',
    '│ Warning: Unable to open CLI configuration file',
    '│',
    '│ The CLI configuration file at "/root/.terraformrc" does not exist.',
    '╵',
    '',
    'Error: Unsupported argument',
    '',
    '  on cdk.tf.json line 12, in resource.aws_sqs_queue.q:',
    '  12:         "bogus": 1',
    '',
    detail,
    '',
    'Warning: Deprecated attribute',
    '',
    'not an error',
    '',
    '╷',
    '│ Error: Invalid reference',
    '│',
    '│ A reference must start with a name.',
    '╵',
    '',
  ].join('\n');

  it('are kept whole, every one of them, without warnings', () => {
    expect(errorExcerpt({ stdout: 'Planning...\n', stderr })).toBe(
      [
        'Error: Unsupported argument',
        '',
        '  on cdk.tf.json line 12, in resource.aws_sqs_queue.q:',
        '  12:         "bogus": 1',
        '',
        detail,
        '',
        'Error: Invalid reference',
        '',
        'A reference must start with a name.',
      ].join('\n'),
    );
  });

  it('come from the diagnostics of a -json command too', () => {
    const diagnostic = { severity: 'error', summary: 'Invalid count argument', detail: 'Must be a whole number.', range: { filename: 'cdk.tf.json', start: { line: 7 } } };
    const stdout = [JSON.stringify({ type: 'version', terraform: '1.11.4' }), JSON.stringify({ type: 'diagnostic', diagnostic }), ''].join('\n');
    expect(errorExcerpt({ stdout, stderr: '' })).toBe('Error: Invalid count argument\n\n  on cdk.tf.json line 7:\n\nMust be a whole number.');
  });

  it('fall back to the tail of the output when terraform named no error', () => {
    expect(errorExcerpt({ stdout: 'a\n\nb\n', stderr: 'panic: boom\n' })).toBe('panic: boom\na\nb');
  });
});

describe('terraform versions', () => {
  it('are read from `terraform version -json`, or from its plain form', () => {
    expect(parseTerraformVersion('{"terraform_version": "1.11.4", "platform": "linux_amd64"}')).toBe('1.11.4');
    expect(parseTerraformVersion('Terraform v0.12.31\n')).toBe('0.12.31');
    expect(parseTerraformVersion('')).toBeUndefined();
  });

  it.each([
    ['1.9.8', false],
    ['0.15.5', false],
    ['1.10.0', true],
    ['1.10.0-beta1', true],
    ['1.11.4', true],
    ['2.0.0', true],
  ])('%s is supported: %s', (version, supported) => {
    expect(isSupportedVersion(version)).toBe(supported);
  });
});

describe('installed providers', () => {
  const lock = 'provider "registry.terraform.io/hashicorp/aws" {\n  version     = "5.100.0"\n  hashes = [\n    "h1:x=",\n  ]\n}\n';

  it('are missing when their link points into a plugin cache that was deleted', () => {
    const dir = temp();
    const cache = temp();
    fs.writeFileSync(path.join(dir, '.terraform.lock.hcl'), lock);
    const versionDir = path.join(dir, '.terraform/providers/registry.terraform.io/hashicorp/aws/5.100.0');
    fs.mkdirSync(versionDir, { recursive: true });
    fs.mkdirSync(path.join(cache, 'linux_amd64'));
    fs.writeFileSync(path.join(cache, 'linux_amd64', 'terraform-provider-aws_v5.100.0_x5'), '');
    fs.symlinkSync(path.join(cache, 'linux_amd64'), path.join(versionDir, 'linux_amd64'));
    expect(missingProviders(dir)).toEqual([]);
    fs.rmSync(cache, { recursive: true });
    expect(missingProviders(dir)).toEqual(['registry.terraform.io/hashicorp/aws 5.100.0']);
  });

  it('are missing when the lock file selects a version that is not installed', () => {
    const dir = temp();
    fs.writeFileSync(path.join(dir, '.terraform.lock.hcl'), lock);
    fs.mkdirSync(path.join(dir, '.terraform/providers/registry.terraform.io/hashicorp/aws/5.99.0/linux_amd64'), { recursive: true });
    expect(missingProviders(dir)).toEqual(['registry.terraform.io/hashicorp/aws 5.100.0']);
  });
});
