/**
 * The ECR repositories `env bootstrap` creates for a tier: every per-branch image repository its
 * sets name in the tier's own ECR registry (`<account>.dkr.ecr.<region>.amazonaws.com`). Fixed
 * images and repositories in other registries (GHCR, Docker Hub, another account) are not ours.
 */
import { BaseDefinition } from '../definitions/base-definition';
import { ServiceSetDefinition } from '../definitions/service-set';

export function tierEcrRegistry(base: BaseDefinition): string {
  return `${base.accountId}.dkr.ecr.${base.region}.amazonaws.com`;
}

export function tierRepositories(base: BaseDefinition, sets: readonly ServiceSetDefinition[]): string[] {
  const ours = tierEcrRegistry(base);
  const names = sets.flatMap((set) =>
    (set.registry ?? base.registry) === ours ? set.services.flatMap((s) => ('repository' in s.image ? [s.image.repository] : [])) : [],
  );
  return [...new Set(names)].sort();
}
