import { TIERS } from '../../src/definitions/base-definition';
import { loadBase } from '../../src/definitions/tiers';
import { formatViolations, runPolicyPack } from '../../src/policy/pack';
import { stackSpec } from '../../src/stacks/catalog';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';
import { resourcesOf } from '../helpers/stack-json';

describe.each(TIERS)('the %s state bucket stack', (tier) => {
  const json = readStackJson(synthToTemp([stackSpec('state-bucket', tier)])[0]);
  const def = loadBase(tier);
  const only = (type: string) => {
    const all = Object.values(resourcesOf(json, type));
    expect(all).toHaveLength(1);
    return all[0];
  };
  const bucketRef = '${aws_s3_bucket.state_bucket.id}';

  it('creates the bucket named by the tier definition and refuses to destroy it', () => {
    const bucket = only('aws_s3_bucket');
    expect(bucket.bucket).toBe(def.state.bucket);
    expect(bucket.force_destroy).toBe(false);
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
  });

  it('versions, encrypts with KMS, enforces bucket ownership and blocks every kind of public access', () => {
    expect(only('aws_s3_bucket_versioning')).toEqual(expect.objectContaining({ bucket: bucketRef, versioning_configuration: { status: 'Enabled' } }));
    expect(only('aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      expect.objectContaining({ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }),
    ]);
    expect(only('aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(only('aws_s3_bucket_public_access_block')).toEqual(
      expect.objectContaining({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true }),
    );
  });

  it('denies every request that is not TLS 1.2 or newer', () => {
    const policy = JSON.parse(String(only('aws_s3_bucket_policy').policy)) as { Statement: { Effect: string; Condition: object }[] };
    expect(policy.Statement).toEqual([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }),
    ]);
  });

  it('expires old state versions after the configured days but keeps the last ten', () => {
    const rule = (only('aws_s3_bucket_lifecycle_configuration').rule as Record<string, unknown>[])[0];
    expect(rule.status).toBe('Enabled');
    expect(rule.noncurrent_version_expiration).toEqual([
      { noncurrent_days: def.state.noncurrentVersionExpirationDays ?? 90, newer_noncurrent_versions: 10 },
    ]);
  });

  it('passes the policy pack with no undeclared violation', () => {
    expect(formatViolations(runPolicyPack(json, tier))).toBe('');
  });
});
