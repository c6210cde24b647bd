/**
 * What the last `terraform init` of a stack folder saw, kept in `.terraform/branchenv-init.json`,
 * and whether the next run must init again: a changed backend, required providers, CLI configuration
 * (mirror and its content, plugin cache) or lock file, or providers that are no longer where init
 * put them (a deleted plugin cache).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LOCK_FILE, missingProviders } from './installed-providers';

const RECORD = path.join('.terraform', 'branchenv-init.json');

/** Digests of what init depends on. */
export interface InitInputs {
  /** The `terraform` block of cdk.tf.json without its required providers: the backend. */
  readonly backend: string;
  /** `terraform.required_providers`: sources and version constraints. */
  readonly requiredProviders: string;
  /** The CLI configuration: where providers come from, the mirror's content, the plugin cache. */
  readonly cliConfig: string;
  readonly lockFile: string;
}

/**
 * Why init must run. `providers-changed`: other versions are required, or they come from another
 * source or a mirror whose content changed, so the lock file's selections and checksums no longer hold.
 */
export type InitReason = 'first' | 'providers-changed' | 'backend-changed' | 'lock-file-changed' | 'providers-missing';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export function initInputs(dir: string, cliConfigFile: string): InitInputs {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')) as { terraform?: Record<string, unknown> };
  const { required_providers: requiredProviders, ...backend } = json.terraform ?? {};
  const lock = path.join(dir, LOCK_FILE);
  return {
    backend: sha256(JSON.stringify(backend)),
    requiredProviders: sha256(JSON.stringify(requiredProviders ?? {})),
    cliConfig: sha256(fs.readFileSync(cliConfigFile)),
    lockFile: sha256(fs.existsSync(lock) ? fs.readFileSync(lock) : ''),
  };
}

export function lastInitInputs(dir: string): InitInputs | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, RECORD), 'utf8')) as InitInputs;
  } catch {
    return undefined;
  }
}

export function recordInit(dir: string, inputs: InitInputs): void {
  fs.mkdirSync(path.join(dir, '.terraform'), { recursive: true });
  fs.writeFileSync(path.join(dir, RECORD), JSON.stringify(inputs, null, 2) + '\n');
}

/** Why `terraform init` must run in the folder, or undefined when its last init still holds. */
export function initReason(dir: string, cliConfigFile: string): InitReason | undefined {
  const last = lastInitInputs(dir);
  if (!last) return 'first';
  const now = initInputs(dir, cliConfigFile);
  if (now.cliConfig !== last.cliConfig || now.requiredProviders !== last.requiredProviders) return 'providers-changed';
  if (now.backend !== last.backend) return 'backend-changed';
  if (now.lockFile !== last.lockFile) return 'lock-file-changed';
  return missingProviders(dir).length > 0 ? 'providers-missing' : undefined;
}
