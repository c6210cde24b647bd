import { resourcesOfTypes } from '../json-helpers';
import { compliant, nonCompliant, PolicyRule } from '../rule';

/** The role ECS starts a task with is not the role the app runs as. */
export const separateTaskRoles: PolicyRule = {
  id: 'CKV_AWS_249',
  title: 'ECS task execution role and task role differ',
  check: ({ json }) =>
    resourcesOfTypes(json, 'aws_ecs_task_definition').map(({ address, body }) => {
      const execution = body.execution_role_arn;
      const task = body.task_role_arn;
      if (execution !== undefined && execution === task) return nonCompliant(address, 'execution_role_arn and task_role_arn are the same role');
      return compliant(address);
    }),
};
