import { blocks, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule, RuleResult } from '../rule';

const RULE_TYPES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule'];

function described(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Security groups and every one of their rules say what they are for. */
export const securityGroupRulesDescribed: PolicyRule = {
  id: 'CKV_AWS_23',
  title: 'Security groups and their rules have descriptions',
  check: ({ json }) => {
    const results: RuleResult[] = resourcesOfTypes(json, 'aws_security_group').map(({ address, body }) => {
      const rules = [...blocks(body.ingress), ...blocks(body.egress)];
      const missing = rules.filter((rule) => !described(rule.description)).length;
      if (!described(body.description)) return nonCompliant(address, 'set a description on the security group');
      return missing === 0 ? compliant(address) : nonCompliant(address, `${missing} inline rule(s) have no description`);
    });
    for (const { address, body } of resourcesOfTypes(json, ...RULE_TYPES)) {
      results.push(described(body.description) ? compliant(address) : nonCompliant(address, 'set a description on the rule'));
    }
    return results;
  },
};
