/**
 * The database part of a base: the Aurora cluster, the provisioner that creates and drops env
 * databases, and the task runner that runs env migrations. Absent when the base defines no database.
 */
import { Construct } from 'constructs';
import { AuroraCluster } from '../../modules/database/aurora-cluster';
import { VpcFunction } from '../../modules/lambda/vpc-function';
import { ClusterSettings, MASTER_USERNAME, POSTGRES_PORT } from '../database/cluster-settings';
import { BaseDefinition } from '../definitions/base-definition';
import { FunctionZip } from '../synth/function-code';

export interface BaseDatabaseProps {
  /** The base definition: names, tier, account, region, log retention. */
  readonly definition: BaseDefinition;
  /** The cluster's settings, defaults resolved (clusterSettings). */
  readonly settings: ClusterSettings;
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** Subnets of the cluster and the functions. */
  readonly privateSubnetIds: string[];
  /** The base's ECS cluster: the only one the task runner may start tasks in. */
  readonly clusterArn: string;
  /** The bundled functions' zips. */
  readonly code: { readonly provisioner: FunctionZip; readonly taskRunner: FunctionZip };
}

/** Longest a provisioner call may take: a paused cluster resumes in ~15 s, DDL is quick. */
const PROVISIONER_TIMEOUT_SECONDS = 120;
/** The task runner waits for a migration task; Lambda's own limit. */
const TASK_RUNNER_TIMEOUT_SECONDS = 900;

export class BaseDatabase extends Construct {
  public readonly cluster: AuroraCluster;
  public readonly provisioner: VpcFunction;
  public readonly taskRunner: VpcFunction;

  constructor(scope: Construct, id: string, props: BaseDatabaseProps) {
    super(scope, id);
    const def = props.definition;
    const s = props.settings;
    const arn = (service: string, resource: string) => `arn:aws:${service}:${def.region}:${def.accountId}:${resource}`;
    this.cluster = new AuroraCluster(this, 'postgres', {
      name: def.vpcName,
      vpcId: props.vpcId,
      vpcCidr: props.vpcCidr,
      privateSubnetIds: props.privateSubnetIds,
      engineVersion: s.engineVersion,
      minCapacity: s.minCapacity,
      maxCapacity: s.maxCapacity,
      secondsUntilAutoPause: s.secondsUntilAutoPause,
      backupRetentionDays: s.backupRetentionDays,
      instances: s.instances,
      deletionProtection: s.deletionProtection,
      finalSnapshot: s.finalSnapshot,
      masterUsername: MASTER_USERNAME,
      port: POSTGRES_PORT,
      logRetentionDays: def.logRetentionDays,
    });
    const masterSecretArn = this.cluster.cluster.masterUserSecret.get(0).secretArn;
    const envSecrets = arn('secretsmanager', `secret:branchenv/${def.tier}/*`);
    this.provisioner = new VpcFunction(this, 'provisioner', {
      name: `${def.vpcName}-database-provisioner`,
      description: 'Creates, updates and drops the database and role of each env (aws_lambda_invocation, CRUD)',
      code: props.code.provisioner,
      vpcId: props.vpcId,
      subnetIds: props.privateSubnetIds,
      extraSecurityGroupIds: [this.cluster.clientSecurityGroup.id],
      environment: {
        MASTER_SECRET_ARN: masterSecretArn,
        DATABASE_HOST: this.cluster.cluster.endpoint,
        DATABASE_PORT: String(POSTGRES_PORT),
        SECRET_NAME_PREFIX: `branchenv/${def.tier}/`,
        DATABASE_SSL: 'verify-full',
        // The RDS certificate authorities, which Node.js 20+ on Lambda does not load by default.
        NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
      },
      timeoutSeconds: PROVISIONER_TIMEOUT_SECONDS,
      logRetentionDays: def.logRetentionDays,
      statements: [
        { Sid: 'ReadMasterSecret', Effect: 'Allow', Action: ['secretsmanager:GetSecretValue'], Resource: [masterSecretArn] },
        { Sid: 'DecryptMasterSecret', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [this.cluster.key.arn] },
        {
          Sid: 'WriteEnvDatabaseSecrets',
          Effect: 'Allow',
          Action: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
          Resource: [`${envSecrets}/database-??????`],
        },
        // `*` spans `/`: an env's own secret named `database` (<set>/<env>/secrets/database) must not match;
        // two segments before `secrets/`, so an env or set named `secrets` keeps its credentials.
        { Sid: 'NeverEnvOwnSecrets', Effect: 'Deny', Action: ['secretsmanager:*'], Resource: [`${envSecrets}/*/secrets/*`] },
      ],
    });
    this.taskRunner = new VpcFunction(this, 'task_runner', {
      name: `${def.vpcName}-task-runner`,
      description: 'Runs an env migration as an ECS task, waits for it, fails with its exit code and last log lines',
      code: props.code.taskRunner,
      vpcId: props.vpcId,
      subnetIds: props.privateSubnetIds,
      timeoutSeconds: TASK_RUNNER_TIMEOUT_SECONDS,
      logRetentionDays: def.logRetentionDays,
      statements: [
        {
          Sid: 'RunEnvTasks',
          Effect: 'Allow',
          Action: ['ecs:RunTask'],
          Resource: [arn('ecs', `task-definition/${def.tier}-*`)],
          Condition: { ArnEquals: { 'ecs:cluster': props.clusterArn } },
        },
        { Sid: 'WatchEnvTasks', Effect: 'Allow', Action: ['ecs:DescribeTasks', 'ecs:StopTask'], Resource: [arn('ecs', `task/${def.vpcName}/*`)] },
        {
          // RunTask with propagateTags tags the task it creates.
          Sid: 'TagStartedTasks',
          Effect: 'Allow',
          Action: ['ecs:TagResource'],
          Resource: [arn('ecs', `task/${def.vpcName}/*`)],
          Condition: { StringEquals: { 'ecs:CreateAction': 'RunTask' } },
        },
        {
          Sid: 'PassEnvTaskRoles',
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          // Only the env services' roles (src/names/env-resource-names.ts: `<tier>-…-exec`, `<tier>-…-task`).
          Resource: [`arn:aws:iam::${def.accountId}:role/${def.tier}-*-exec`, `arn:aws:iam::${def.accountId}:role/${def.tier}-*-task`],
          Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        },
        {
          Sid: 'ReadEnvTaskLogs',
          Effect: 'Allow',
          Action: ['logs:GetLogEvents'],
          Resource: [arn('logs', `log-group:/branchenv/${def.tier}/*:log-stream:*`)],
        },
      ],
    });
  }
}
