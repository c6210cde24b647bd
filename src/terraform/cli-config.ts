import * as fs from 'node:fs';
import * as path from 'node:path';
import { mirrorDigest } from './mirror-digest';

export interface CliConfigOptions {
  /**
   * Folder holding `registry.terraform.io/hashicorp/aws/<version>/…` (a filesystem mirror), for
   * air-gapped machines. Providers found there are never downloaded.
   * @default none: providers come from the registry
   */
  readonly pluginMirror?: string;
  /** Shared plugin cache, so each stack folder links providers instead of copying them. */
  readonly pluginCacheDir: string;
}

/**
 * Writes a Terraform CLI configuration file into `dir` and returns its path. Terraform is pointed
 * at it through TF_CLI_CONFIG_FILE, so a user's own ~/.terraformrc is left alone. The file names a
 * digest of the mirror's content: a workspace re-inits when the file changes (see init-record).
 */
export function writeCliConfig(dir: string, options: CliConfigOptions): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(options.pluginCacheDir, { recursive: true });
  const lines: string[] = [];
  if (options.pluginMirror) {
    if (!fs.existsSync(path.join(options.pluginMirror, 'registry.terraform.io'))) {
      throw new Error(
        `TF_PLUGIN_MIRROR=${options.pluginMirror} holds no registry.terraform.io folder; ` +
          'point it at the folder that contains registry.terraform.io/hashicorp/aws/…',
      );
    }
    // Terraform asks every matching installation method for versions, so providers in the mirror
    // are excluded from direct downloads: offline, a registry query would fail the init.
    const mirrored = mirroredProviders(options.pluginMirror);
    lines.push(
      `# provider mirror content: ${mirrorDigest(options.pluginMirror)}`,
      'provider_installation {',
      '  filesystem_mirror {',
      `    path    = ${JSON.stringify(options.pluginMirror)}`,
      `    include = ${JSON.stringify(mirrored)}`,
      '  }',
      '  direct {',
      `    exclude = ${JSON.stringify(mirrored)}`,
      '  }',
      '}',
    );
  }
  lines.push(`plugin_cache_dir = ${JSON.stringify(options.pluginCacheDir)}`);
  const file = path.join(dir, 'terraform.tfrc');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** `host/namespace/type` of every provider in a filesystem mirror. */
export function mirroredProviders(mirror: string): string[] {
  const found: string[] = [];
  for (const host of readDirs(mirror)) {
    for (const namespace of readDirs(path.join(mirror, host))) {
      for (const type of readDirs(path.join(mirror, host, namespace))) found.push(`${host}/${namespace}/${type}`);
    }
  }
  return found.sort();
}

function readDirs(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
}
