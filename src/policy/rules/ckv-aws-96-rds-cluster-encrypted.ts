import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Aurora (and every RDS) cluster encrypts its storage, snapshots and backups. */
export const rdsClusterEncrypted: PolicyRule = {
  id: 'CKV_AWS_96',
  title: 'RDS clusters are encrypted at rest',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_rds_cluster').map(({ address, body }) =>
      body.storage_encrypted === true
        ? compliant(address, typeof body.kms_key_id === 'string' ? 'encrypted with kms_key_id' : 'encrypted with the AWS-managed key')
        : nonCompliant(address, 'set storage_encrypted = true (with a kms_key_id); encryption cannot be turned on after creation'),
    ),
};
