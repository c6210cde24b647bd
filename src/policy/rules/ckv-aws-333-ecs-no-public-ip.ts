import { block, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** ECS services get no public IP: they sit in private subnets behind the load balancer. */
export const ecsNoPublicIp: PolicyRule = {
  id: 'CKV_AWS_333',
  title: 'ECS services do not assign public IPs',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_ecs_service').map(({ address, body }) =>
      block(body.network_configuration)?.assign_public_ip === true
        ? nonCompliant(address, 'set network_configuration.assign_public_ip = false')
        : compliant(address),
    ),
};
