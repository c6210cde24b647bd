import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Database instances get no public address: clients reach them from inside the VPC. */
export const rdsNotPublic: PolicyRule = {
  id: 'CKV_AWS_17',
  title: 'RDS instances are not publicly accessible',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_rds_cluster_instance', 'aws_db_instance').map(({ address, body }) =>
      body.publicly_accessible === true
        ? nonCompliant(address, 'set publicly_accessible = false; reach the database from inside the VPC')
        : compliant(address),
    ),
};
