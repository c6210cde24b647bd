import { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';

interface Statement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: string[] | string;
}

export interface ServiceRolesProps {
  readonly executionRoleName: string;
  readonly taskRoleName: string;
  /** The env's log group ARN; the service may write only streams under its own prefix. */
  readonly logGroupArn: string;
  /** Stream prefix of the service (its name). */
  readonly logStreamPrefix: string;
  /** ECR repository ARNs the task pulls from (empty for images outside ECR). */
  readonly ecrRepositoryArns: readonly string[];
  /** ARNs (or ARN patterns) of the Secrets Manager secrets the task reads at start. */
  readonly secretArns: readonly string[];
  /** ARNs of the SSM parameters the task reads at start. */
  readonly parameterArns: readonly string[];
  /** The env's bucket ARN, when the service uses it. */
  readonly bucketArn?: string;
  /** The env's table ARN, when the service uses it. */
  readonly tableArn?: string;
  /**
   * Allow ECS Exec (SSM Session Manager channels) into the task.
   * @default false
   */
  readonly enableExec?: boolean;
  /**
   * ARN of the cluster's ECS Exec session log group (`/ecs/<cluster>/exec`). With `enableExec`, the
   * task role may then create and write streams in it and describe log groups, which the SSM agent
   * needs to ship session logs.
   * @default none: no logging statements
   */
  readonly execLogGroupArn?: string;
  /**
   * Tags of the execution role (e.g. its readable name when the role name is a shortened form).
   * @default {}
   */
  readonly executionRoleTags?: Readonly<Record<string, string>>;
  /**
   * Tags of the task role.
   * @default {}
   */
  readonly taskRoleTags?: Readonly<Record<string, string>>;
}

const ECS_TASKS_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/**
 * The two roles of a service: the execution role ECS uses to start the task (pull the image, write
 * logs, read the service's own secrets) and the task role the app runs as (its env's bucket and
 * table, ECS Exec). Separate roles, least privilege, no wildcard actions.
 */
export class ServiceRoles extends Construct {
  public readonly executionRole: IamRole;
  public readonly taskRole: IamRole;
  /** The roles' inline policies: what a one-off task must wait for before it starts. */
  public readonly policies: readonly IamRolePolicy[];

  constructor(scope: Construct, id: string, props: ServiceRolesProps) {
    super(scope, id);
    this.executionRole = new IamRole(this, 'execution_role', {
      name: props.executionRoleName,
      assumeRolePolicy: ECS_TASKS_TRUST,
      ...(props.executionRoleTags ? { tags: { ...props.executionRoleTags } } : {}),
    });
    this.taskRole = new IamRole(this, 'task_role', {
      name: props.taskRoleName,
      assumeRolePolicy: ECS_TASKS_TRUST,
      ...(props.taskRoleTags ? { tags: { ...props.taskRoleTags } } : {}),
    });

    const start: Statement[] = [
      {
        Sid: 'WriteOwnLogStreams',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: [`${props.logGroupArn}:log-stream:${props.logStreamPrefix}/*`],
      },
    ];
    if (props.ecrRepositoryArns.length > 0) {
      // GetAuthorizationToken cannot be scoped to a repository; the pulls can.
      start.push({ Sid: 'EcrToken', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' });
      start.push({
        Sid: 'PullOwnImages',
        Effect: 'Allow',
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        Resource: [...props.ecrRepositoryArns],
      });
    }
    if (props.secretArns.length > 0) {
      start.push({ Sid: 'ReadOwnSecrets', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [...props.secretArns] });
    }
    if (props.parameterArns.length > 0) {
      start.push({ Sid: 'ReadOwnParameters', Effect: 'Allow', Action: ['ssm:GetParameters'], Resource: [...props.parameterArns] });
    }
    const policies = [new IamRolePolicy(this, 'execution_policy', { name: 'start-task', role: this.executionRole.id, policy: policyJson(start) })];

    const run: Statement[] = [];
    if (props.bucketArn) {
      run.push({ Sid: 'ListEnvBucket', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: [props.bucketArn] });
      run.push({
        Sid: 'UseEnvBucketObjects',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: [`${props.bucketArn}/*`],
      });
    }
    if (props.tableArn) {
      run.push({
        Sid: 'UseEnvTable',
        Effect: 'Allow',
        Action: [
          'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem',
          'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem',
        ],
        Resource: [props.tableArn, `${props.tableArn}/index/*`],
      });
    }
    if (props.enableExec) {
      run.push({
        Sid: 'EcsExecChannels',
        Effect: 'Allow',
        Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        Resource: '*',
      });
      if (props.execLogGroupArn) {
        run.push({
          Sid: 'EcsExecSessionLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: [props.execLogGroupArn, `${props.execLogGroupArn}:log-stream:*`],
        });
        // DescribeLogGroups supports no resource-level permission.
        run.push({ Sid: 'EcsExecDescribeLogGroups', Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: '*' });
      }
    }
    if (run.length > 0) policies.push(new IamRolePolicy(this, 'task_policy', { name: 'run-task', role: this.taskRole.id, policy: policyJson(run) }));
    this.policies = policies;
  }
}

function policyJson(statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
