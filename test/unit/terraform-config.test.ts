import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mirroredProviders, writeCliConfig } from '../../src/terraform/cli-config';
import { offlineOverride } from '../../src/terraform/offline-overrides';
import { errorExcerpt } from '../../src/terraform/run-terraform';

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
