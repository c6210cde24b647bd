import { Construct } from 'constructs';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';

export interface FargateTaskProps {
  readonly family: string;
  /** Task CPU units and memory (MiB), a combination Fargate accepts. */
  readonly cpu: number;
  readonly memory: number;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  /** Container definitions in the shape ECS expects (see container-definitions.ts). */
  readonly containers: readonly Record<string, unknown>[];
}

/** A Fargate task definition (awsvpc, Linux x86-64): what a service runs, and what a one-off task runs. */
export function fargateTaskDefinition(scope: Construct, id: string, props: FargateTaskProps): EcsTaskDefinition {
  return new EcsTaskDefinition(scope, id, {
    family: props.family,
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: String(props.cpu),
    memory: String(props.memory),
    executionRoleArn: props.executionRoleArn,
    taskRoleArn: props.taskRoleArn,
    runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
    containerDefinitions: JSON.stringify(props.containers),
  });
}
