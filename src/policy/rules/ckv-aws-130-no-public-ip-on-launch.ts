import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** No subnet hands out public IPs: load balancers and NAT gateways bring their own addresses. */
export const noPublicIpOnLaunch: PolicyRule = {
  id: 'CKV_AWS_130',
  title: 'Subnets do not assign public IPs on launch',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_subnet').map(({ address, body }) =>
      body.map_public_ip_on_launch === true
        ? nonCompliant(address, 'map_public_ip_on_launch is true; tasks and instances must not get public IPs')
        : compliant(address),
    ),
};
