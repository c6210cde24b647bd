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

/** Every rule: what every stack of the project must pass. */
export const ALL_RULES: readonly PolicyRule[] = [...BASE_RULES, ...ECS_RULES];
