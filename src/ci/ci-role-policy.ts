/**
 * The policies of a tier's CI role: who may assume it (the repository's pipelines, by their OIDC
 * token's audience and subject) and what it may do (what the tier's stacks create and the env script
 * reads, and nothing else). Services whose resources the stacks create get their own actions on any
 * resource, since Terraform names most of them only at creation; IAM roles, S3 buckets, secrets and
 * DynamoDB tables are limited to the names the tool gives (`<tier>-…`, `<vpc>-…`, `branchenv/<tier>/…`).
 */
import { CiIdentityDefinition } from '../definitions/base-definition';

export interface OidcIssuer {
  /** Issuer URL, as the OIDC provider in IAM is created. */
  readonly url: string;
  /** The `aud` claim the tokens carry. */
  readonly audience: string;
  /** The `sub` pattern (StringLike) of the repository's jobs. */
  readonly subject: string;
}

export function oidcIssuer(ci: CiIdentityDefinition): OidcIssuer {
  switch (ci.provider) {
    case 'github':
      return { url: 'https://token.actions.githubusercontent.com', audience: 'sts.amazonaws.com', subject: `repo:${ci.repository}:*` };
    case 'gitlab': {
      const url = ci.url ?? 'https://gitlab.com';
      return { url, audience: url, subject: `project_path:${ci.project}:*` };
    }
    case 'circleci':
      return { url: `https://oidc.circleci.com/org/${ci.organizationId}`, audience: ci.organizationId, subject: `org/${ci.organizationId}/project/${ci.projectId}/user/*` };
  }
}

/** IAM's condition key of a claim: the issuer host and path without the scheme. */
const claimKey = (url: string, claim: 'aud' | 'sub') => `${url.replace(/^https:\/\//, '')}:${claim}`;

export function ciTrustPolicy(issuer: OidcIssuer, providerArn: string): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [claimKey(issuer.url, 'aud')]: issuer.audience }, StringLike: { [claimKey(issuer.url, 'sub')]: issuer.subject } },
      },
    ],
  };
}

/** IAM service prefixes whose resources the stacks create, by Terraform resource type prefix. */
export const SERVICE_OF_RESOURCE: readonly (readonly [prefix: string, service: string])[] = [
  ['aws_acm_', 'acm'],
  ['aws_appautoscaling_', 'application-autoscaling'],
  ['aws_cloudwatch_log_', 'logs'],
  ['aws_db_', 'rds'],
  ['aws_rds_', 'rds'],
  ['aws_dynamodb_', 'dynamodb'],
  ['aws_ecr_', 'ecr'],
  ['aws_ecs_', 'ecs'],
  ['aws_iam_', 'iam'],
  ['aws_kms_', 'kms'],
  ['aws_lambda_', 'lambda'],
  ['aws_lb', 'elasticloadbalancing'],
  ['aws_route53_', 'route53'],
  ['aws_s3_', 's3'],
  ['aws_scheduler_', 'scheduler'],
  ['aws_secretsmanager_', 'secretsmanager'],
  ['aws_service_discovery_', 'servicediscovery'],
  // Everything of the VPC: subnets, routes, gateways, endpoints, security groups, instances, volumes, flow logs.
  ['aws_', 'ec2'],
];

/** Services the role may use on any resource (Terraform names their resources only when it creates them). */
const OPEN_SERVICES = ['acm', 'application-autoscaling', 'ec2', 'ecr', 'ecs', 'elasticloadbalancing', 'kms', 'lambda', 'logs', 'rds', 'route53', 'scheduler', 'servicediscovery'];

export interface CiPolicyInput {
  readonly tier: string;
  readonly vpcName: string;
  readonly accountId: string;
  readonly stateBucket: string;
}

export function ciPermissionsPolicy(input: CiPolicyInput): object {
  const account = input.accountId;
  const named = [`${input.tier}-*`, `${input.vpcName}-*`];
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'StackServices', Effect: 'Allow', Action: OPEN_SERVICES.map((s) => `${s}:*`), Resource: '*' },
      {
        Sid: 'ToolRoles',
        Effect: 'Allow',
        Action: 'iam:*',
        Resource: named.flatMap((n) => [`arn:aws:iam::${account}:role/${n}`, `arn:aws:iam::${account}:instance-profile/${n}`]),
      },
      // ECS and Application Auto Scaling create their service-linked roles on first use.
      { Sid: 'ServiceLinkedRoles', Effect: 'Allow', Action: 'iam:CreateServiceLinkedRole', Resource: `arn:aws:iam::${account}:role/aws-service-role/*` },
      {
        Sid: 'StateAndEnvBuckets',
        Effect: 'Allow',
        Action: 's3:*',
        Resource: [input.stateBucket, ...named].flatMap((b) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`]),
      },
      { Sid: 'ToolSecrets', Effect: 'Allow', Action: 'secretsmanager:*', Resource: `arn:aws:secretsmanager:*:${account}:secret:branchenv/${input.tier}/*` },
      { Sid: 'EnvTables', Effect: 'Allow', Action: 'dynamodb:*', Resource: named.map((n) => `arn:aws:dynamodb:*:${account}:table/${n}`) },
      {
        Sid: 'Reads',
        Effect: 'Allow',
        Action: ['sts:GetCallerIdentity', 'servicequotas:GetServiceQuota', 'servicequotas:GetAWSDefaultServiceQuota', 'secretsmanager:ListSecrets', 'iam:GetRole', 'iam:ListRoles'],
        Resource: '*',
      },
    ],
  };
}
