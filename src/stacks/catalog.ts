import { Construct } from 'constructs';
import { Tier } from '../definitions/base-definition';
import { loadBase } from '../definitions/tiers';
import { baseStackId, stateBucketStackId } from '../names/stack-ids';
import { baseStateKey, stateBucketStateKey } from '../names/state-keys';
import { BaseStack } from './base-stack';
import { StateBucketStack } from './state-bucket-stack';
import { functionZip } from '../synth/function-code';
import { knownSets, loadServiceSet } from '../definitions/service-sets';
import { tierRepositories } from '../images/tier-repositories';
import { tagPrefixOf } from '../tags/tag-convention';
import { DEFAULT_ENV_TTL_DAYS } from '../definitions/base-definition';

import { StackKind } from './stack-kinds';
import type { BackendChoice } from './backend';

export { STACK_KINDS } from './stack-kinds';
export type { StackKind } from './stack-kinds';

/** A stack the project can produce, not yet built. */
export interface StackSpec {
  readonly id: string;
  /** A base-level kind, or `env` for a branch env. */
  readonly kind: StackKind | 'env';
  readonly tier: Tier;
  /** Adds the stack to an app. */
  build(app: Construct): void;
  /** Further files written into the stack's folder, by name (local mode's empty base state, the base's function zips). */
  readonly files?: Readonly<Record<string, string | Uint8Array>>;
}

export interface CatalogOptions {
  /**
   * Give state-bucket stacks a local backend: for the very first apply, before the bucket exists.
   * @default false
   */
  readonly bootstrap?: boolean;
  /**
   * Local mode (base stacks): the state in local mode's store instead of the tier's bucket, and a
   * provider that never calls AWS.
   * @default none: the tier's state bucket, real credentials
   */
  readonly localStateBackend?: BackendChoice;
  /**
   * The branch whose images envs fall back to: the bootstrap stack's repositories keep its newest.
   * @default 'develop'
   */
  readonly fallbackBranch?: string;
}

/** The stacks of one kind and tier; definitions are validated here, before any Terraform runs. */
export function stackSpec(kind: StackKind, tier: Tier, options: CatalogOptions = {}): StackSpec {
  const base = loadBase(tier);
  if (kind === 'base') {
    const id = baseStackId(tier);
    const functionCode = base.database ? { provisioner: functionZip('database-provisioner'), taskRunner: functionZip('task-runner') } : undefined;
    return {
      id,
      kind,
      tier,
      build: (app) =>
        new BaseStack(app, id, {
          definition: base,
          backend: options.localStateBackend ?? { kind: 's3', bucket: base.state.bucket, region: base.state.region, key: baseStateKey(tier, base.vpcName) },
          functionCode,
          offline: options.localStateBackend !== undefined,
        }),
      files: functionCode ? Object.fromEntries(Object.values(functionCode).map((zip) => [zip.fileName, zip.content])) : undefined,
    };
  }
  const id = stateBucketStackId(tier);
  return {
    id,
    kind,
    tier,
    build: (app) =>
      new StateBucketStack(app, id, {
        tier,
        accountId: base.accountId,
        state: base.state,
        tags: base.tags,
        backend: options.bootstrap
          ? { kind: 'local', path: 'terraform.tfstate' }
          : { kind: 's3', bucket: base.state.bucket, region: base.state.region, key: stateBucketStateKey() },
        ci: base.ci ? { definition: base.ci, vpcName: base.vpcName } : undefined,
        repositories: {
          names: tierRepositories(base, knownSets(tier).map((set) => loadServiceSet(tier, set).definition)),
          fallbackTagPrefix: `${tagPrefixOf(options.fallbackBranch ?? 'develop')}-`,
          expireAfterDays: base.envTtlDays ?? DEFAULT_ENV_TTL_DAYS,
        },
      }),
  };
}

/** Every stack of the given kinds and tiers, in a stable order. */
export function selectStacks(kinds: readonly StackKind[], tiers: readonly Tier[], options: CatalogOptions = {}): StackSpec[] {
  return kinds.flatMap((kind) => tiers.map((tier) => stackSpec(kind, tier, options)));
}
