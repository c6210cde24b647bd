import { Tier } from '../definitions/base-definition';

/** S3 key of a base's state: `<tier>/base/<vpc-name>/terraform.tfstate`. */
export function baseStateKey(tier: Tier, vpcName: string): string {
  return `${tier}/base/${vpcName}/terraform.tfstate`;
}

/** S3 key of the state bucket's own state, once migrated into the bucket it describes. */
export function stateBucketStateKey(): string {
  return 'bootstrap/state-bucket/terraform.tfstate';
}

/** S3 key of a branch env's state: `<tier>/services/<set>/<env>/terraform.tfstate`. */
export function envStateKey(tier: Tier, set: string, env: string): string {
  return `${tier}/services/${set}/${env}/terraform.tfstate`;
}
