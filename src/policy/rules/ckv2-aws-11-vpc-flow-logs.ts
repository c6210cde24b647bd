import { refersTo, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Every VPC has flow logs. */
export const vpcFlowLogs: PolicyRule = {
  id: 'CKV2_AWS_11',
  title: 'VPC flow logging is enabled',
  check: ({ json }) => {
    const flowLogs = resourcesOfTypes(json, 'aws_flow_log');
    return resourcesOfTypes(json, 'aws_vpc').map(({ address }) =>
      flowLogs.some((f) => refersTo(f.body.vpc_id, address))
        ? compliant(address)
        : nonCompliant(address, 'no aws_flow_log has this vpc_id'),
    );
  },
};
