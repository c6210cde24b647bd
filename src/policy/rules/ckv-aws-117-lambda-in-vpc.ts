import { block, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** A list, or a reference to one (`${aws_subnet.private[*].id}`), that is not empty. */
function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : typeof value === 'string' && value.length > 0;
}

/** Lambda functions run in the VPC's subnets behind a security group, not on Lambda's own network. */
export const lambdaInVpc: PolicyRule = {
  id: 'CKV_AWS_117',
  title: 'Lambda functions run inside a VPC',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_lambda_function').map(({ address, body }) => {
      const vpc = block(body.vpc_config);
      if (!vpc) return nonCompliant(address, 'add vpc_config with subnet_ids (private subnets) and security_group_ids');
      const missing = ['subnet_ids', 'security_group_ids'].filter((key) => !nonEmpty(vpc[key]));
      return missing.length === 0 ? compliant(address) : nonCompliant(address, `vpc_config has no ${missing.join(' and no ')}; set them`);
    }),
};
