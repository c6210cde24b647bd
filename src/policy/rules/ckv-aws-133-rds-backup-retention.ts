import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Days of automated backups (point-in-time recovery) a database keeps, by tier. */
export const MIN_BACKUP_RETENTION_DAYS = { prod: 7, stage: 1 } as const;

/**
 * RDS clusters and instances keep automated backups: at least a week in prod, at least a day in
 * stage. Read replicas take no backups of their own and are not checked.
 */
export const rdsBackupRetention: PolicyRule = {
  id: 'CKV_AWS_133',
  title: 'RDS databases keep automated backups long enough',
  check: ({ json, tier }) =>
    resourcesOfTypes(json, 'aws_rds_cluster', 'aws_db_instance')
      .filter(({ body }) => body.replicate_source_db === undefined)
      .map(({ address, body }) => {
        const days = body.backup_retention_period;
        const minimum = MIN_BACKUP_RETENTION_DAYS[tier];
        if (typeof days !== 'number') return nonCompliant(address, `set backup_retention_period; ${tier} needs at least ${minimum} days`);
        return days >= minimum
          ? compliant(address)
          : nonCompliant(address, `backup_retention_period is ${days}; ${tier} needs at least ${minimum}`);
      }),
};
