import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Application load balancers drop HTTP headers with invalid names (request smuggling). */
export const albDropsInvalidHeaders: PolicyRule = {
  id: 'CKV_AWS_131',
  title: 'Application load balancers drop invalid header fields',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_lb', 'aws_alb')
      .filter(({ body }) => (body.load_balancer_type ?? 'application') === 'application')
      .map(({ address, body }) =>
        body.drop_invalid_header_fields === true
          ? compliant(address)
          : nonCompliant(address, 'set drop_invalid_header_fields = true'),
      ),
};
