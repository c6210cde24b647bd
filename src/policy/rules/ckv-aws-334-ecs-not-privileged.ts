import { containersOf } from '../container-definitions';
import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** No container runs privileged. */
export const ecsNotPrivileged: PolicyRule = {
  id: 'CKV_AWS_334',
  title: 'ECS containers are not privileged',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_ecs_task_definition').map(({ address, body }) => {
      const privileged = containersOf(body).filter((c) => c.privileged === true).map((c) => c.name);
      return privileged.length === 0 ? compliant(address) : nonCompliant(address, `containers ${privileged.join(', ')} run privileged`);
    }),
};
