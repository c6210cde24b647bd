import * as fs from 'node:fs';
import * as path from 'node:path';

export const LOCK_FILE = '.terraform.lock.hcl';

/** Address and version of every provider the lock file of a stack folder selects. */
export function lockedProviders(dir: string): { readonly address: string; readonly version: string }[] {
  const lock = path.join(dir, LOCK_FILE);
  if (!fs.existsSync(lock)) return [];
  const text = fs.readFileSync(lock, 'utf8');
  return [...text.matchAll(/provider\s+"([^"]+)"\s*\{[^}]*?\bversion\s*=\s*"([^"]+)"/g)].map((m) => ({ address: m[1], version: m[2] }));
}

/**
 * Providers the lock file selects that `.terraform/providers` does not hold in a usable form: the
 * version folder is missing, or a platform folder is a link into a plugin cache that was deleted,
 * or it holds no provider binary. Terraform would fail the next plan with "Required plugins are not
 * installed"; an init puts them back.
 */
export function missingProviders(dir: string): string[] {
  return lockedProviders(dir)
    .filter(({ address, version }) => !isInstalled(path.join(dir, '.terraform', 'providers', address, version)))
    .map(({ address, version }) => `${address} ${version}`);
}

function isInstalled(versionDir: string): boolean {
  let platforms: string[];
  try {
    platforms = fs.readdirSync(versionDir);
  } catch {
    return false;
  }
  return platforms.length > 0 && platforms.every((platform) => holdsBinary(path.join(versionDir, platform)));
}

/** Whether a platform folder (or the cache folder its link points to) holds `terraform-provider-…`. */
function holdsBinary(platformDir: string): boolean {
  try {
    return fs.readdirSync(platformDir).some((name) => name.startsWith('terraform-provider-'));
  } catch {
    return false; // a dangling link, or not a folder
  }
}
