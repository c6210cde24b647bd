import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Prod clusters cannot be deleted until deletion protection is turned off; stage may be torn down freely. */
export const rdsClusterDeletionProtection: PolicyRule = {
  id: 'CKV_AWS_139',
  title: 'RDS clusters have deletion protection in prod',
  check: ({ json, tier }) =>
    resourcesOfTypes(json, 'aws_rds_cluster').map(({ address, body }) => {
      if (body.deletion_protection === true) return compliant(address);
      return tier === 'prod'
        ? nonCompliant(address, 'set deletion_protection = true (prod)')
        : compliant(address, 'stage: deletion protection not required, so the tier can be destroyed');
    }),
};
