import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { StateBucket } from '../../modules/state/state-bucket';
import { StateDefinition, Tier } from '../definitions/base-definition';
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
}

/** Bootstrap stack, applied once per account and region: the bucket that holds every other state. */
export class StateBucketStack extends ReadableStack {
  public readonly stateBucket: StateBucket;

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
  }
}
