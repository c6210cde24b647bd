import { SECRET_NAME } from '../../definitions/reserved';
import { containersOf } from '../container-definitions';
import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';


/**
 * No secret in a container's plain environment: secrets come through `secrets` (`valueFrom`),
 * so they are not in the task definition, the state or the console. (Checkov has no ECS twin.)
 */
export const noPlaintextSecrets: PolicyRule = {
  id: 'BRANCHENV_1',
  title: 'No plaintext secrets in container environments',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_ecs_task_definition').map(({ address, body }) => {
      const leaks = containersOf(body).flatMap((c) =>
        ((c.environment as { name: string; value: string }[] | undefined) ?? [])
          .filter((e) => SECRET_NAME.test(e.name) && e.value !== '')
          .map((e) => `${String(c.name)}.${e.name}`),
      );
      return leaks.length === 0 ? compliant(address) : nonCompliant(address, `${leaks.join(', ')} look like secrets in plain environment; use secrets with valueFrom`);
    }),
};
