/**
 * The terraform binary: there, and new enough. Checked once per run (per binary and PATH), before
 * the first terraform command.
 */
import { execFile } from 'node:child_process';
import { UserError } from '../errors/user-error';

/** S3-native state locking (`use_lockfile`) arrived in Terraform 1.10. */
export const MIN_TERRAFORM_VERSION = [1, 10] as const;
const MIN_TEXT = MIN_TERRAFORM_VERSION.join('.');

/** The release the project is tested with; generated CI installs it (`env ci --terraform-version` overrides). */
export const PINNED_TERRAFORM_VERSION = '1.11.4';
const INSTALL_HINT = `install Terraform ${MIN_TEXT} or newer (https://developer.hashicorp.com/terraform/install) and put it first on PATH`;

/** No terraform binary where it was looked for. */
export class TerraformNotFoundError extends UserError {
  constructor(readonly binary: string) {
    super(binary.includes('/') ? `terraform binary ${binary} does not exist or cannot be run` : `${binary} is not on PATH`, INSTALL_HINT);
    this.name = 'TerraformNotFoundError';
  }
}

/** A terraform older than the state layout needs. */
export class TerraformTooOldError extends UserError {
  constructor(readonly version: string) {
    super(`terraform ${version} is too old: branchenv needs ≥ ${MIN_TEXT} (S3 state locking)`, INSTALL_HINT);
    this.name = 'TerraformTooOldError';
  }
}

/** The version `terraform version -json` (or the plain `Terraform v1.2.3` line) names, if any. */
export function parseTerraformVersion(output: string): string | undefined {
  try {
    const version = (JSON.parse(output) as { terraform_version?: unknown }).terraform_version;
    if (typeof version === 'string') return version;
  } catch {
    // not JSON: terraform before 0.13, or something else
  }
  return /Terraform v(\d+\.\d+\.\d+\S*)/.exec(output)?.[1];
}

/** Whether a version (`1.10.0`, `1.11.0-beta1`) is at least MIN_TERRAFORM_VERSION. */
export function isSupportedVersion(version: string): boolean {
  const [major, minor] = version.split(/[.-]/).map(Number);
  const [minMajor, minMinor] = MIN_TERRAFORM_VERSION;
  return major > minMajor || (major === minMajor && minor >= minMinor);
}

const checked = new Map<string, Promise<void>>();

/**
 * Refuses a missing terraform, one that names no version, or one older than MIN_TERRAFORM_VERSION;
 * the answer is kept for the rest of the run.
 */
export function requireTerraform(binary: string, env: NodeJS.ProcessEnv): Promise<void> {
  const key = `${binary}\n${env.PATH ?? ''}`;
  let check = checked.get(key);
  if (!check) {
    check = checkTerraform(binary, env);
    checked.set(key, check);
  }
  return check;
}

function checkTerraform(binary: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(binary, ['version', '-json'], { env, timeout: 30000 }, (error, stdout) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (code === 'ENOENT' || code === 'EACCES') return reject(new TerraformNotFoundError(binary));
      const version = parseTerraformVersion(stdout);
      if (version === undefined) {
        return reject(new UserError(`${binary} did not name its version (terraform version -json): is it terraform?`, INSTALL_HINT));
      }
      if (!isSupportedVersion(version)) return reject(new TerraformTooOldError(version));
      resolve();
    });
  });
}
