import { prodBase } from '../../prod/base';
import { stageBase } from '../../stage/base';
import { BaseDefinition, Tier, TIERS } from './base-definition';
import { DefinitionError } from './definition-error';
import { validateBase } from './validate-base';

const BASES: Readonly<Record<Tier, { definition: BaseDefinition; source: string }>> = {
  stage: { definition: stageBase, source: 'stage/base.ts' },
  prod: { definition: prodBase, source: 'prod/base.ts' },
};

/** The validated base definition of a tier. */
export function loadBase(tier: Tier): BaseDefinition {
  const entry = BASES[tier];
  const def = validateBase(entry.definition, entry.source);
  if (def.tier !== tier) {
    throw new DefinitionError(entry.source, [{ path: 'tier', message: `is "${def.tier}" but the file is in ${tier}/; make them agree` }]);
  }
  return def;
}

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}
