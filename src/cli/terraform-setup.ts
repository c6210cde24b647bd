import * as os from 'node:os';
import * as path from 'node:path';
import { LocalS3, startLocalS3 } from '../local/local-s3';
import { writeCliConfig } from '../terraform/cli-config';

/**
 * The terraform CLI configuration of a working folder, from the settings the CLI reads:
 * TF_PLUGIN_MIRROR (a provider mirror) and BRANCHENV_PLUGIN_CACHE (shared plugin cache).
 * Written at a fixed path, so an unchanged setting never forces a new `terraform init`; a changed
 * mirror content does (the file names its digest).
 */
export function cliConfigFor(outDir: string, defaultCacheDir = path.join(os.homedir(), '.cache', 'branchenv', 'terraform-plugins')): string {
  return writeCliConfig(outDir, {
    pluginMirror: process.env.TF_PLUGIN_MIRROR || undefined,
    pluginCacheDir: process.env.BRANCHENV_PLUGIN_CACHE || defaultCacheDir,
  });
}

/** Port of local mode's S3 server: BRANCHENV_LOCAL_S3_PORT, else 4569. */
export function localS3Port(): number {
  const port = Number(process.env.BRANCHENV_LOCAL_S3_PORT ?? 4569);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : 4569;
}

/** Starts local mode's state store, its data kept under `<outDir>/local/s3`. */
export function startLocalStateStore(outDir: string): Promise<LocalS3> {
  return startLocalS3(path.join(outDir, 'local', 's3'), localS3Port());
}
