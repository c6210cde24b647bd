import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** The log types to suggest by engine (aurora-mysql is the provider's default engine). */
function suggestedLogs(engine: unknown): string {
  return typeof engine === 'string' && engine.includes('postgres') ? '["postgresql"]' : '["audit", "error", "general", "slowquery"]';
}

/** RDS clusters export their database logs to CloudWatch Logs. */
export const rdsClusterLogExports: PolicyRule = {
  id: 'CKV_AWS_324',
  title: 'RDS clusters export logs to CloudWatch',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_rds_cluster').map(({ address, body }) => {
      const exports = body.enabled_cloudwatch_logs_exports;
      const enabled = Array.isArray(exports) ? exports.length > 0 : typeof exports === 'string' && exports.length > 0;
      return enabled
        ? compliant(address)
        : nonCompliant(address, `set enabled_cloudwatch_logs_exports = ${suggestedLogs(body.engine)}`);
    }),
};
