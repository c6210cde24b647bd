/**
 * The code of the base's Lambda functions: the esbuild bundle of `src/lambda/<name>/index.ts`
 * (scripts/bundle.js writes `dist/lambda/<name>.js`), zipped deterministically as `index.js`.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { zipArchive } from './zip-archive';

export const FUNCTION_BUNDLES = ['database-provisioner', 'task-runner'] as const;
export type FunctionBundle = (typeof FUNCTION_BUNDLES)[number];

export interface FunctionZip {
  /** File name in the stack folder. */
  readonly fileName: string;
  readonly content: Buffer;
  /** Base64 SHA-256 of the zip: the function's `source_code_hash`. */
  readonly sha256Base64: string;
}

const cache = new Map<FunctionBundle, FunctionZip>();

/** Path of the bundle, found from the sources, the compiled tree and the CLI bundle alike. */
export function bundlePath(name: FunctionBundle): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'dist', 'lambda', `${name}.js`);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`the ${name} function is not built (no dist/lambda/${name}.js above ${__dirname}); run \`npm run build\``);
    dir = parent;
  }
}

export function functionZip(name: FunctionBundle): FunctionZip {
  const cached = cache.get(name);
  if (cached) return cached;
  const content = zipArchive([{ name: 'index.js', content: fs.readFileSync(bundlePath(name)) }]);
  const zip = { fileName: `${name}.zip`, content, sha256Base64: createHash('sha256').update(content).digest('base64') };
  cache.set(name, zip);
  return zip;
}
