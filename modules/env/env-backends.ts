import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';

export interface EnvBackendsProps {
  /** Bucket name, when the env has a bucket. */
  readonly bucketName?: string;
  /** Table name and keys, when the env has a table. */
  readonly table?: { readonly name: string; readonly partitionKey: string; readonly sortKey?: string };
}

/**
 * Per-env data stores. They live and die with the env: the bucket is emptied on destroy
 * (`force_destroy`) and the table has no deletion protection, so a drop never leaves them behind.
 */
export class EnvBackends extends Construct {
  public readonly bucket?: S3Bucket;
  public readonly table?: DynamodbTable;

  constructor(scope: Construct, id: string, props: EnvBackendsProps) {
    super(scope, id);
    if (props.bucketName) {
      const bucket = new S3Bucket(this, 'bucket', { bucket: props.bucketName, forceDestroy: true });
      new S3BucketVersioningA(this, 'bucket_versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
      new S3BucketServerSideEncryptionConfigurationA(this, 'bucket_encryption', {
        bucket: bucket.id,
        rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms' }, bucketKeyEnabled: true }],
      });
      new S3BucketOwnershipControls(this, 'bucket_ownership', { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
      const publicAccess = new S3BucketPublicAccessBlock(this, 'bucket_public_access_block', {
        bucket: bucket.id,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
      new S3BucketPolicy(this, 'bucket_policy', {
        bucket: bucket.id,
        policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [bucket.arn, `${bucket.arn}/*`],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        }),
        dependsOn: [publicAccess],
      });
      this.bucket = bucket;
    }
    if (props.table) {
      const keys = [props.table.partitionKey, ...(props.table.sortKey ? [props.table.sortKey] : [])];
      this.table = new DynamodbTable(this, 'table', {
        name: props.table.name,
        billingMode: 'PAY_PER_REQUEST',
        hashKey: props.table.partitionKey,
        rangeKey: props.table.sortKey,
        attribute: keys.map((name) => ({ name, type: 'S' })),
        serverSideEncryption: { enabled: true },
        pointInTimeRecovery: { enabled: false },
        deletionProtectionEnabled: false,
      });
    }
  }
}
