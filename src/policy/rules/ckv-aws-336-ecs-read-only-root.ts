import { containersOf } from '../container-definitions';
import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** Every container's root filesystem is read-only (declare an exception where an image needs otherwise). */
export const ecsReadOnlyRoot: PolicyRule = {
  id: 'CKV_AWS_336',
  title: 'ECS containers have a read-only root filesystem',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_ecs_task_definition').map(({ address, body }) => {
      const writable = containersOf(body).filter((c) => c.readonlyRootFilesystem !== true).map((c) => c.name);
      return writable.length === 0
        ? compliant(address)
        : nonCompliant(address, `containers ${writable.join(', ')} have a writable root filesystem`);
    }),
};
