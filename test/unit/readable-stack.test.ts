import { Construct } from 'constructs';
import { App, Testing } from 'cdktf';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { declarePolicyException } from '../../modules/common/policy-exception';
import { ReadableStack } from '../../src/stacks/readable-stack';

function stackWith(build: (stack: ReadableStack) => void): Record<string, unknown> {
  const app = Testing.app() as App;
  const stack = new ReadableStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  build(stack);
  // toTerraform keeps the `//` comments that Testing.synth strips.
  return JSON.parse(JSON.stringify(stack.toTerraform())) as Record<string, unknown>;
}

describe('readable Terraform addresses', () => {
  it('joins the construct path with underscores and adds no hash', () => {
    const json = stackWith((stack) => {
      const network = new Construct(stack, 'network');
      new Vpc(network, 'vpc', { cidrBlock: '10.0.0.0/16' });
    });
    expect(Object.keys((json.resource as Record<string, object>).aws_vpc)).toEqual(['network_vpc']);
  });

  it('refuses two construct paths that would share one address, naming both', () => {
    expect(() =>
      stackWith((stack) => {
        new Vpc(new Construct(stack, 'a'), 'b_c', { cidrBlock: '10.0.0.0/16' });
        new Vpc(new Construct(stack, 'a_b'), 'c', { cidrBlock: '10.1.0.0/16' });
      }),
    ).toThrow(/"test\/a\/b_c" and "test\/a_b\/c" give the same Terraform address "a_b_c"/);
  });
});

describe('declared policy exceptions', () => {
  it('land beside the resource in the JSON, next to CDKTF metadata', () => {
    const json = stackWith((stack) => {
      const bucket = new S3Bucket(stack, 'logs', { bucket: 'b' });
      declarePolicyException(bucket, 'CKV_AWS_21', 'log archive written once, never overwritten');
    });
    const body = (json.resource as Record<string, Record<string, Record<string, unknown>>>).aws_s3_bucket.logs;
    expect(body['//']).toEqual({
      metadata: expect.objectContaining({ path: 'test/logs' }),
      policy_exceptions: { CKV_AWS_21: 'log archive written once, never overwritten' },
    });
  });

  it('refuse a malformed rule id or a reason nobody can judge', () => {
    stackWith((stack) => {
      const bucket = new S3Bucket(stack, 'logs', { bucket: 'b' });
      expect(() => declarePolicyException(bucket, 'S3_VERSIONING', 'a perfectly fine reason')).toThrow(/not a rule id/);
      expect(() => declarePolicyException(bucket, 'CKV_AWS_21', 'because')).toThrow(/give a reason/);
    });
  });
});
