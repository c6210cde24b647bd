import { Tier } from '../definitions/base-definition';

/** Stack id (and folder under cdktf.out/stacks) of a tier's base. */
export function baseStackId(tier: Tier): string {
  return `base-${tier}`;
}

/** Stack id of the bootstrap stack that owns a tier's state bucket. */
export function stateBucketStackId(tier: Tier): string {
  return `state-bucket-${tier}`;
}

/** Stack id of a branch env: `env-<tier>-<set>-<env>`. */
export function envStackId(tier: Tier, set: string, env: string): string {
  return `env-${tier}-${set}-${env}`;
}
