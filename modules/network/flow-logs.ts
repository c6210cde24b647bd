import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';

export interface FlowLogsProps {
  /** VPC whose traffic is logged. */
  readonly vpcId: string;
  /** Prefix of the log group and role names, e.g. the VPC name. */
  readonly namePrefix: string;
  /** Log retention in days. */
  readonly retentionDays: number;
  /**
   * Which traffic to log.
   * @default 'ALL'
   */
  readonly trafficType?: 'ACCEPT' | 'REJECT' | 'ALL';
}

/** VPC flow logs to a CloudWatch log group, written by a role that may touch only that group. */
export class FlowLogs extends Construct {
  public readonly logGroup: CloudwatchLogGroup;
  public readonly role: IamRole;
  public readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const trafficType = props.trafficType ?? 'ALL';

    this.logGroup = new CloudwatchLogGroup(this, 'log_group', {
      name: `/vpc/${props.namePrefix}/flow-logs`,
      retentionInDays: props.retentionDays,
    });
    this.role = new IamRole(this, 'role', {
      name: `${props.namePrefix}-flow-logs`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });
    new IamRolePolicy(this, 'role_policy', {
      name: 'write-flow-logs',
      role: this.role.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
            Resource: [this.logGroup.arn, `${this.logGroup.arn}:*`],
          },
        ],
      }),
    });
    this.flowLog = new FlowLog(this, 'flow_log', {
      vpcId: props.vpcId,
      trafficType,
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: this.role.arn,
      maxAggregationInterval: 60,
    });
  }
}
