import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { SecureBucket } from '../storage/secure-bucket';

export interface EnvBackendsProps {
  /** Bucket name, when the env has a bucket. */
  readonly bucketName?: string;
  /**
   * Tags of the bucket.
   * @default {}
   */
  readonly bucketTags?: Readonly<Record<string, string>>;
  /** Table name and keys, when the env has a table. */
  readonly table?: { readonly name: string; readonly partitionKey: string; readonly sortKey?: string };
}

/**
 * Per-env data stores. They live and die with the env: the bucket is emptied on destroy
 * (`force_destroy`) and the table has no deletion protection, so a drop never leaves them behind.
 */
export class EnvBackends extends Construct {
  public readonly bucket?: SecureBucket;
  public readonly table?: DynamodbTable;

  constructor(scope: Construct, id: string, props: EnvBackendsProps) {
    super(scope, id);
    if (props.bucketName) this.bucket = new SecureBucket(this, 'bucket', { bucketName: props.bucketName, forceDestroy: true, tags: props.bucketTags });
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
