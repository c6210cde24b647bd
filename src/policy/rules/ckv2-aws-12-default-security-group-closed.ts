import { blocks, refersTo, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Every VPC's default security group is adopted and emptied, so nothing can fall back on it. */
export const defaultSecurityGroupClosed: PolicyRule = {
  id: 'CKV2_AWS_12',
  title: 'The default security group of every VPC restricts all traffic',
  check: ({ json }) => {
    const defaults = resourcesOfTypes(json, 'aws_default_security_group');
    return resourcesOfTypes(json, 'aws_vpc').map(({ address }) => {
      const adopted = defaults.find((d) => refersTo(d.body.vpc_id, address));
      if (!adopted) return nonCompliant(address, 'add an aws_default_security_group for this VPC with no rules');
      const rules = blocks(adopted.body.ingress).length + blocks(adopted.body.egress).length;
      return rules === 0 ? compliant(address) : nonCompliant(adopted.address, `has ${rules} rules; the default group must have none`);
    });
  },
};
