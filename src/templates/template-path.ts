import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Path of a template under src/templates, from both the TypeScript sources and the compiled
 * dist/ tree (templates are not copied into dist; they are read from the source tree).
 */
export function templatePath(name: string): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'src', 'templates', name);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`template ${name} not found above ${__dirname}`);
    dir = parent;
  }
}
