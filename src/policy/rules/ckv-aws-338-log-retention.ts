import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Prod keeps logs a year; stage may keep them shorter, but never forever by accident. */
export const MIN_RETENTION_DAYS = { prod: 365, stage: 1 } as const;

/** Log groups have an explicit retention: at least a year in prod, any in stage. */
export const logRetention: PolicyRule = {
  id: 'CKV_AWS_338',
  title: 'CloudWatch log groups retain logs long enough, and not forever',
  check: ({ json, tier }) =>
    resourcesOfTypes(json, 'aws_cloudwatch_log_group').map(({ address, body }) => {
      const days = body.retention_in_days;
      const minimum = MIN_RETENTION_DAYS[tier];
      if (typeof days !== 'number' || days === 0) return nonCompliant(address, 'set retention_in_days (logs otherwise never expire)');
      return days >= minimum
        ? compliant(address)
        : nonCompliant(address, `retention_in_days is ${days}; ${tier} needs at least ${minimum}`);
    }),
};
