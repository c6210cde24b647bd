import { fargateUse } from '../../src/state/fargate-use';

const taskDefinition = (name: string, cpu: string, revision = 3) => ({
  mode: 'managed',
  type: 'aws_ecs_task_definition',
  name,
  instances: [{ attributes: { arn: `arn:aws:ecs:eu-west-1:111111111111:task-definition/${name}:${revision}`, family: name, revision, cpu } }],
});
const service = (name: string, taskDefinitionRef: string, desired: number, provider?: string) => ({
  mode: 'managed',
  type: 'aws_ecs_service',
  name,
  instances: [{ attributes: { desired_count: desired, task_definition: taskDefinitionRef, capacity_provider_strategy: provider ? [{ capacity_provider: provider, weight: 1 }] : [] } }],
});

describe('the Fargate capacity an env state holds', () => {
  it('sums desired tasks times their task definition vCPUs, Spot apart from on-demand', () => {
    const resources = [
      taskDefinition('web', '512'),
      taskDefinition('api', '1024'),
      service('web', 'arn:aws:ecs:eu-west-1:111111111111:task-definition/web:3', 2, 'FARGATE_SPOT'),
      service('api', 'api:3', 3, 'FARGATE'),
    ];
    expect(fargateUse(resources)).toEqual({ tasks: 5, onDemandVcpus: 3, spotVcpus: 1 });
  });

  it('counts services scaled to zero as nothing, and tasks of an unknown task definition without vCPUs', () => {
    const resources = [taskDefinition('web', '512'), service('web', 'web:3', 0, 'FARGATE_SPOT'), service('lost', 'gone:1', 2, 'FARGATE')];
    expect(fargateUse(resources)).toEqual({ tasks: 2, onDemandVcpus: 0, spotVcpus: 0 });
  });

  it('ignores data sources and malformed entries', () => {
    expect(fargateUse([{ mode: 'data', type: 'aws_ecs_service', instances: [{ attributes: { desired_count: 9 } }] }, null, 'x', { type: 'aws_ecs_service' }])).toEqual({ tasks: 0, onDemandVcpus: 0, spotVcpus: 0 });
  });
});
