import { Construct } from 'constructs';
import { Fn, TerraformResource } from 'cdktf';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { fargateTaskDefinition } from '../service/fargate-task-definition';
import { LambdaInvocation } from '@cdktf/provider-aws/lib/lambda-invocation';

export interface MigrationTaskProps {
  /** Task definition family, e.g. `stage-demo-feature-x--api-migrate`. */
  readonly family: string;
  /** Container definitions (the service's app container with the migration command), as ECS JSON. */
  readonly containers: readonly Record<string, unknown>[];
  /** Container the command runs in (its log stream is `<streamPrefix>/<container>/<task id>`). */
  readonly container: string;
  readonly command: readonly string[];
  readonly cpu: number;
  readonly memory: number;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  readonly clusterName: string;
  readonly subnetIds: string[];
  readonly securityGroupIds: string[];
  readonly capacityProvider: 'FARGATE' | 'FARGATE_SPOT';
  readonly logGroup: string;
  readonly logStreamPrefix: string;
  readonly timeoutSeconds: number;
  /** What the runner's messages call it, e.g. `demo-feature-x: api migrate`. */
  readonly label: string;
  /** The base's task runner function (base contract `task_runner_function`). */
  readonly runnerFunction: string;
  /** What must exist before the task runs (the env database). */
  readonly dependsOn: readonly TerraformResource[];
}

/**
 * A one-off command run before the services roll: its own task definition (the service's image,
 * environment and secrets) and an `aws_lambda_invocation` of the base's task runner, which runs it
 * as an ECS task and waits for it. Its input holds the task definition's ARN with revision, so it
 * runs again whenever the image or environment changes, and services depend on it: a failed
 * migration fails the apply with the task's exit code and last log lines, before any service rolls.
 */
export class MigrationTask extends Construct {
  public readonly taskDefinition: EcsTaskDefinition;
  public readonly run: LambdaInvocation;

  constructor(scope: Construct, id: string, props: MigrationTaskProps) {
    super(scope, id);
    this.taskDefinition = fargateTaskDefinition(this, 'task', {
      family: props.family,
      cpu: props.cpu,
      memory: props.memory,
      executionRoleArn: props.executionRoleArn,
      taskRoleArn: props.taskRoleArn,
      containers: props.containers,
    });
    this.run = new LambdaInvocation(this, 'run', {
      functionName: props.runnerFunction,
      input: Fn.jsonencode({
        cluster: props.clusterName,
        taskDefinition: this.taskDefinition.arn,
        container: props.container,
        command: [...props.command],
        subnets: props.subnetIds,
        securityGroups: props.securityGroupIds,
        capacityProvider: props.capacityProvider,
        logGroup: props.logGroup,
        logStreamPrefix: props.logStreamPrefix,
        timeoutSeconds: props.timeoutSeconds,
        label: props.label,
      }),
      dependsOn: [...props.dependsOn],
    });
  }
}
