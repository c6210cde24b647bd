import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';

/** One IAM policy statement of the function's role. */
export interface FunctionStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: readonly string[] | string;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

/** The function's code: a zip file in the stack's folder and its SHA-256 (base64). */
export interface FunctionCode {
  /** File name inside the stack folder, e.g. `database-provisioner.zip`. */
  readonly fileName: string;
  readonly sha256Base64: string;
}

export interface VpcFunctionProps {
  /** Function name (also its role's, log group's and security group's). */
  readonly name: string;
  readonly description: string;
  readonly code: FunctionCode;
  readonly vpcId: string;
  readonly subnetIds: string[];
  /** Further security groups (e.g. the database clients' group). @default none */
  readonly extraSecurityGroupIds?: string[];
  /** Environment of the function: names and ARNs only, never a secret value. @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  /** @default 256 */
  readonly memoryMiB?: number;
  readonly logRetentionDays: number;
  /** What the function may do besides writing its logs and attaching to the VPC. */
  readonly statements: readonly FunctionStatement[];
}

const LAMBDA_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/**
 * A Node.js 22 Lambda function inside the VPC's private subnets, from a bundled zip: its own role
 * (logs, VPC network interfaces, the given statements, nothing else), its own log group with the
 * tier's retention, a security group that lets it call AWS APIs over HTTPS.
 */
export class VpcFunction extends Construct {
  public readonly role: IamRole;
  public readonly securityGroup: SecurityGroup;
  public readonly logGroup: CloudwatchLogGroup;
  public readonly function: LambdaFunction;

  constructor(scope: Construct, id: string, props: VpcFunctionProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, 'logs', { name: `/aws/lambda/${props.name}`, retentionInDays: props.logRetentionDays });
    this.role = new IamRole(this, 'role', { name: props.name, assumeRolePolicy: LAMBDA_TRUST });
    const statements: FunctionStatement[] = [
      { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: [`${this.logGroup.arn}:*`] },
      {
        // What AWSLambdaVPCAccessExecutionRole grants; network interfaces support no resource-level scoping here.
        Sid: 'AttachToVpc',
        Effect: 'Allow',
        Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
        Resource: '*',
      },
      ...props.statements,
    ];
    const policy = new IamRolePolicy(this, 'policy', { name: 'run', role: this.role.id, policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) });
    this.securityGroup = new SecurityGroup(this, 'security_group', {
      name: props.name,
      description: `Lambda function ${props.name}: AWS APIs over HTTPS`,
      vpcId: props.vpcId,
      egress: [{ description: 'AWS APIs (through NAT or endpoints)', fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }],
      tags: { Name: props.name },
    });
    this.function = new LambdaFunction(this, 'lambda', {
      functionName: props.name,
      description: props.description,
      role: this.role.arn,
      // Node.js 20 left Lambda's standard support on 2026-04-30; 22 is supported until 2027-04-30.
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      architectures: ['arm64'],
      filename: `\${path.module}/${props.code.fileName}`,
      sourceCodeHash: props.code.sha256Base64,
      timeout: props.timeoutSeconds,
      memorySize: props.memoryMiB ?? 256,
      vpcConfig: { subnetIds: props.subnetIds, securityGroupIds: [this.securityGroup.id, ...(props.extraSecurityGroupIds ?? [])] },
      loggingConfig: { logFormat: 'Text', logGroup: this.logGroup.name },
      ...(props.environment && Object.keys(props.environment).length > 0 ? { environment: { variables: { ...props.environment } } } : {}),
      dependsOn: [policy, this.logGroup],
    });
  }
}
