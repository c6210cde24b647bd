import { block, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Instances and launch templates require IMDSv2 session tokens. */
export const imdsv2Required: PolicyRule = {
  id: 'CKV_AWS_79',
  title: 'Instance metadata service requires IMDSv2 tokens',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_instance', 'aws_launch_template').map(({ address, body }) =>
      block(body.metadata_options)?.http_tokens === 'required'
        ? compliant(address)
        : nonCompliant(address, 'set metadata_options.http_tokens = "required"'),
    ),
};
