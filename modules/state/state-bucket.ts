import { Construct } from 'constructs';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { SecureBucket } from '../storage/secure-bucket';

export interface StateBucketProps {
  /** Bucket name (globally unique). */
  readonly bucketName: string;
  /**
   * Days after which a non-current version of a state file is deleted.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Non-current versions always kept, however old (the last few states to roll back to).
   * @default 10
   */
  readonly keepNoncurrentVersions?: number;
  /**
   * Refuse `terraform destroy` of the bucket: it holds the state of every environment.
   * @default true
   */
  readonly preventDestroy?: boolean;
}

/**
 * The S3 bucket that holds Terraform state: a SecureBucket (versioned, KMS, owner-enforced, public
 * access blocked, TLS ≥ 1.2 only) that is never force-emptied, with old state versions expired.
 * Locking uses S3-native lock files (`use_lockfile`), so no DynamoDB table.
 */
export class StateBucket extends SecureBucket {
  public readonly lifecycle: S3BucketLifecycleConfiguration;

  constructor(scope: Construct, id: string, props: StateBucketProps) {
    const expirationDays = props.noncurrentVersionExpirationDays ?? 90;
    const keepVersions = props.keepNoncurrentVersions ?? 10;
    if (expirationDays < 1) throw new Error(`noncurrentVersionExpirationDays must be at least 1, got ${expirationDays}`);
    super(scope, id, { bucketName: props.bucketName, forceDestroy: false, preventDestroy: props.preventDestroy ?? true });

    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: this.bucket.id,
      rule: [
        {
          id: 'expire-old-state-versions',
          status: 'Enabled',
          filter: [{ prefix: '' }],
          noncurrentVersionExpiration: [{ noncurrentDays: expirationDays, newerNoncurrentVersions: keepVersions }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
        },
      ],
      dependsOn: [this.versioning],
    });
  }
}
