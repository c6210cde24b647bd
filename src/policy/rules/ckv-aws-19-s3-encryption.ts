import { block, blocks, refersTo, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Every bucket names its server-side encryption explicitly. */
export const s3Encryption: PolicyRule = {
  id: 'CKV_AWS_19',
  title: 'S3 buckets are encrypted at rest',
  check: ({ json }) => {
    const configs = resourcesOfTypes(json, 'aws_s3_bucket_server_side_encryption_configuration');
    return resourcesOfTypes(json, 'aws_s3_bucket').map(({ address }) => {
      const config = configs.find((c) => refersTo(c.body.bucket, address));
      const algorithm = block(blocks(config?.body.rule)[0]?.apply_server_side_encryption_by_default)?.sse_algorithm;
      return typeof algorithm === 'string'
        ? compliant(address, `encrypted with ${algorithm}`)
        : nonCompliant(address, 'add aws_s3_bucket_server_side_encryption_configuration with an sse_algorithm');
    });
  },
};
