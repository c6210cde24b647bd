import * as fs from 'node:fs';
import * as path from 'node:path';
import { Tier } from './base-definition';
import { UserError } from '../errors/user-error';
import { DefinitionError } from './definition-error';
import { ServiceSetDefinition } from './service-set';

/**
 * Folder of a tier's service sets: `<tier>/services` at the root of the tree this code runs from
 * (src/definitions in the sources, dist/src/definitions compiled, dist/bundle for the bundled CLI).
 */
function setsFolder(tier: Tier): string {
  const candidates = [path.resolve(__dirname, '..', tier, 'services'), path.resolve(__dirname, '..', '..', tier, 'services')];
  return candidates.find((dir) => fs.existsSync(dir)) ?? candidates[1];
}

/** Names of the sets defined for a tier: one file per set in <tier>/services/. */
export function knownSets(tier: Tier): string[] {
  const folder = setsFolder(tier);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .filter((name, i, all) => all.indexOf(name) === i)
    .sort();
}

/** A set no file of `<tier>/services/` defines; says which ones exist. */
export class UnknownSetError extends UserError {
  constructor(
    readonly tier: Tier,
    readonly set: string,
    readonly known: readonly string[],
  ) {
    super(`unknown set "${set}" for tier ${tier}`, `known sets: ${known.length > 0 ? known.join(', ') : '(none)'}`);
    this.name = 'UnknownSetError';
  }
}

/** Loads `<tier>/services/<set>` (its default export), not yet validated. */
export function loadServiceSet(tier: Tier, set: string): { definition: ServiceSetDefinition; source: string } {
  const known = knownSets(tier);
  if (!known.includes(set)) throw new UnknownSetError(tier, set, known);
  const source = `${tier}/services/${set}.ts`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(path.join(setsFolder(tier), set)) as { default?: ServiceSetDefinition };
  if (!loaded.default) throw new DefinitionError(source, [{ path: '(module)', message: 'export the set as the default export' }]);
  if (loaded.default.name !== set) {
    throw new DefinitionError(source, [{ path: 'name', message: `is "${loaded.default.name}" but the file is ${set}.ts; make them agree` }]);
  }
  return { definition: loaded.default, source };
}
