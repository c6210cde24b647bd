import { block, refersTo, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Every bucket is versioned, so an overwritten or deleted object (a state file) can be restored. */
export const s3Versioning: PolicyRule = {
  id: 'CKV_AWS_21',
  title: 'S3 buckets have versioning enabled',
  check: ({ json }) => {
    const versionings = resourcesOfTypes(json, 'aws_s3_bucket_versioning');
    return resourcesOfTypes(json, 'aws_s3_bucket').map(({ address, body }) => {
      const separate = versionings.find((v) => refersTo(v.body.bucket, address));
      const enabled =
        block(separate?.body.versioning_configuration)?.status === 'Enabled' || block(body.versioning)?.enabled === true;
      return enabled ? compliant(address) : nonCompliant(address, 'add aws_s3_bucket_versioning with status Enabled');
    });
  },
};
