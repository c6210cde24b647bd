import { refersTo, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

const SETTINGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

/** Every bucket has a public access block with all four settings on. */
export const s3PublicAccessBlock: PolicyRule = {
  id: 'CKV2_AWS_6',
  title: 'S3 buckets block public access',
  check: ({ json }) => {
    const blocks = resourcesOfTypes(json, 'aws_s3_bucket_public_access_block');
    return resourcesOfTypes(json, 'aws_s3_bucket').map(({ address }) => {
      const pab = blocks.find((b) => refersTo(b.body.bucket, address));
      if (!pab) return nonCompliant(address, 'add an aws_s3_bucket_public_access_block');
      const off = SETTINGS.filter((s) => pab.body[s] !== true);
      return off.length === 0 ? compliant(address) : nonCompliant(pab.address, `set ${off.join(', ')} to true`);
    });
  },
};
