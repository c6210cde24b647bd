import { PolicyRule } from '../rule';
import { noPlaintextSecrets } from './branchenv-1-no-plaintext-secrets';
import { separateTaskRoles } from './ckv-aws-249-separate-task-roles';
import { ecsNoPublicIp } from './ckv-aws-333-ecs-no-public-ip';
import { ecsNotPrivileged } from './ckv-aws-334-ecs-not-privileged';
import { ecsReadOnlyRoot } from './ckv-aws-336-ecs-read-only-root';
import { listenerTls12 } from './ckv-aws-103-listener-tls12';
import { noPublicIpOnLaunch } from './ckv-aws-130-no-public-ip-on-launch';
import { albDropsInvalidHeaders } from './ckv-aws-131-alb-drops-invalid-headers';
import { s3Encryption } from './ckv-aws-19-s3-encryption';
import { s3Versioning } from './ckv-aws-21-s3-versioning';
import { securityGroupRulesDescribed } from './ckv-aws-23-security-group-rules-described';
import { noOpenIngress } from './ckv-aws-260-open-ingress';
import { logRetention } from './ckv-aws-338-log-retention';
import { iamNoWildcardAction } from './ckv-aws-63-iam-no-wildcard-action';
import { containerInsights } from './ckv-aws-65-container-insights';
import { imdsv2Required } from './ckv-aws-79-imdsv2-required';
import { vpcFlowLogs } from './ckv2-aws-11-vpc-flow-logs';
import { defaultSecurityGroupClosed } from './ckv2-aws-12-default-security-group-closed';
import { httpRedirectsToHttps } from './ckv2-aws-20-http-redirects-to-https';
import { s3PublicAccessBlock } from './ckv2-aws-6-s3-public-access-block';
import { lambdaInVpc } from './ckv-aws-117-lambda-in-vpc';
import { rdsBackupRetention } from './ckv-aws-133-rds-backup-retention';
import { rdsClusterDeletionProtection } from './ckv-aws-139-rds-cluster-deletion-protection';
import { rdsClusterNoPasswordInConfig } from './ckv-aws-162-rds-cluster-no-password-in-config';
import { rdsNotPublic } from './ckv-aws-17-rds-not-public';
import { rdsClusterLogExports } from './ckv-aws-324-rds-cluster-log-exports';
import { rdsClusterEncrypted } from './ckv-aws-96-rds-cluster-encrypted';

/** The pack every stack must pass: network, ingress, storage, logging, compute and IAM rules. */
export const BASE_RULES: readonly PolicyRule[] = [
  imdsv2Required,
  noPublicIpOnLaunch,
  vpcFlowLogs,
  defaultSecurityGroupClosed,
  securityGroupRulesDescribed,
  noOpenIngress,
  albDropsInvalidHeaders,
  listenerTls12,
  httpRedirectsToHttps,
  s3Versioning,
  s3Encryption,
  s3PublicAccessBlock,
  logRetention,
  containerInsights,
  iamNoWildcardAction,
];

/** Rules for ECS services and tasks (branch envs). */
export const ECS_RULES: readonly PolicyRule[] = [ecsNoPublicIp, ecsNotPrivileged, ecsReadOnlyRoot, separateTaskRoles, noPlaintextSecrets];

/** Rules for RDS clusters and instances (the tier's Aurora PostgreSQL cluster). */
export const DATABASE_RULES: readonly PolicyRule[] = [
  rdsClusterEncrypted,
  rdsClusterNoPasswordInConfig,
  rdsBackupRetention,
  rdsClusterDeletionProtection,
  rdsNotPublic,
  rdsClusterLogExports,
];

/** Rules for Lambda functions. */
export const LAMBDA_RULES: readonly PolicyRule[] = [lambdaInVpc];

/** Every rule: what every stack of the project must pass. */
export const ALL_RULES: readonly PolicyRule[] = [...BASE_RULES, ...DATABASE_RULES, ...LAMBDA_RULES, ...ECS_RULES];
