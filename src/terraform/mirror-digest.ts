import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Deepest layout of a filesystem mirror: host/namespace/type/version/platform/file. */
const MAX_DEPTH = 6;

/**
 * A digest of what a provider mirror holds: every file's path, size and modification time (links
 * followed), never its content (a provider is hundreds of MB). Adding, removing or replacing a
 * provider package changes it.
 */
export function mirrorDigest(mirror: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string, depth: number): void => {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        hash.update(`${path.relative(mirror, file)}\tbroken link\n`);
        continue;
      }
      if (stat.isDirectory()) {
        if (depth < MAX_DEPTH) walk(file, depth + 1);
      } else {
        hash.update(`${path.relative(mirror, file)}\t${stat.size}\t${stat.mtimeMs}\n`);
      }
    }
  };
  walk(mirror, 1);
  return hash.digest('hex');
}
