import { blocks, resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** ECS clusters have Container Insights on. */
export const containerInsights: PolicyRule = {
  id: 'CKV_AWS_65',
  title: 'ECS clusters have Container Insights enabled',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_ecs_cluster').map(({ address, body }) => {
      const setting = blocks(body.setting).find((s) => s.name === 'containerInsights');
      return setting && (setting.value === 'enabled' || setting.value === 'enhanced')
        ? compliant(address)
        : nonCompliant(address, 'add setting { name = "containerInsights", value = "enabled" }');
    }),
};
