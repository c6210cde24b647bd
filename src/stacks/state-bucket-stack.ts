import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { BranchImageRepository } from '../../modules/registry/branch-image-repository';
import { StateBucket } from '../../modules/state/state-bucket';
import { CiIdentityDefinition, StateDefinition, Tier } from '../definitions/base-definition';
import { CiIdentity } from '../../modules/ci/ci-identity';
import { declarePolicyException } from '../../modules/common/policy-exception';
import { ciPermissionsPolicy, ciTrustPolicy, oidcIssuer } from '../ci/ci-role-policy';
import { addAwsProvider, toolTags } from './aws-provider';
import { BackendChoice, configureBackend } from './backend';
import { ReadableStack } from './readable-stack';

export interface StateBucketStackProps {
  readonly tier: Tier;
  readonly accountId: string;
  readonly state: StateDefinition;
  /**
   * Where this stack's own state lives: local for the first apply (the bucket does not exist yet),
   * then the bucket itself after `terraform init -migrate-state`.
   */
  readonly backend: BackendChoice;
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * ECR repositories of the tier's per-branch images (every set's, in the base's registry).
   * @default none
   */
  /**
   * The tier's CI identity: its OIDC provider and role.
   * @default none
   */
  readonly ci?: { readonly definition: CiIdentityDefinition; readonly vpcName: string };
  readonly repositories?: {
    readonly names: readonly string[];
    /** Tag prefix of the fallback branch (`develop-`). */
    readonly fallbackTagPrefix: string;
    /** The env TTL: other images expire after it. */
    readonly expireAfterDays: number;
  };
}

/**
 * Bootstrap stack, applied once per tier by `env bootstrap`: the bucket that holds every other state,
 * and the ECR repositories of the tier's per-branch images.
 */
export class StateBucketStack extends ReadableStack {
  public readonly stateBucket: StateBucket;
  public readonly repositories: readonly BranchImageRepository[];
  public readonly ci?: CiIdentity;

  constructor(scope: Construct, id: string, props: StateBucketStackProps) {
    super(scope, id);
    configureBackend(this, props.backend);
    addAwsProvider(this, {
      region: props.state.region,
      accountId: props.accountId,
      tags: toolTags(props.tags, { tier: props.tier, stack: id }),
    });
    this.stateBucket = new StateBucket(this, 'state', {
      bucketName: props.state.bucket,
      noncurrentVersionExpirationDays: props.state.noncurrentVersionExpirationDays,
    });
    new TerraformOutput(this, 'bucket', { value: this.stateBucket.bucket.bucket, description: 'State bucket name' });
    new TerraformOutput(this, 'bucket_arn', { value: this.stateBucket.bucket.arn, description: 'State bucket ARN' });
    if (props.ci) {
      const issuer = oidcIssuer(props.ci.definition);
      this.ci = new CiIdentity(this, 'ci', {
        issuer,
        roleName: `branchenv-${props.tier}-ci`,
        trustPolicy: (providerArn) => ciTrustPolicy(issuer, providerArn),
        permissions: ciPermissionsPolicy({ tier: props.tier, vpcName: props.ci.vpcName, accountId: props.accountId, stateBucket: props.state.bucket }),
      });
      declarePolicyException(
        this.ci.permissions,
        'CKV_AWS_63',
        'the CI role applies every resource of the tier\'s stacks, whose names Terraform learns only at creation: one wildcard per service those stacks use; IAM roles, buckets, secrets and tables are limited to the names the tool gives (src/ci/ci-role-policy.ts)',
      );
      new TerraformOutput(this, 'ci_role_arn', { value: this.ci.role.arn, description: 'Role the CI assumes with its OIDC token (AWS_ROLE_ARN of the generated CI files)' });
    }
    const repos = props.repositories;
    const names = [...new Set(repos?.names ?? [])].sort();
    const ids = new Map<string, string>();
    this.repositories = names.map((name) => {
      const id = `images_${name.replace(/[^A-Za-z0-9]+/g, '_')}`;
      if (ids.has(id)) throw new Error(`repositories ${ids.get(id)} and ${name} would share the Terraform address ${id}; rename one`);
      ids.set(id, name);
      return new BranchImageRepository(this, id, { name, fallbackTagPrefix: repos!.fallbackTagPrefix, expireAfterDays: repos!.expireAfterDays });
    });
    if (this.repositories.length > 0) {
      new TerraformOutput(this, 'repository_urls', {
        value: Object.fromEntries(names.map((name, i) => [name, this.repositories[i].repository.repositoryUrl])),
        description: 'ECR repository of each per-branch image',
      });
    }
  }
}
