/**
 * One service of a branch env before its ECS service exists: its roles, container definitions and
 * the security groups its tasks carry (its own, and the database clients' group when it uses the
 * database). The migration task reuses them.
 */
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { EnvBackends } from '../../modules/env/env-backends';
import { containerDefinition } from '../../modules/service/container-definitions';
import { ServiceRoles } from '../../modules/service/service-roles';
import { ServiceSecurityGroup } from '../../modules/service/service-security-group';
import { BaseDefinition } from '../definitions/base-definition';
import { RESERVED_ENV_PREFIX } from '../definitions/reserved';
import { PlannedService } from '../env/plan-services';
import { taskContainers } from '../env/task-containers';
import { readableNameTags } from '../names/env-resource-names';
import { BaseRemoteState } from './base-remote-state';
import { DatabaseAccess } from './env-database-access';

/** What every service of the env shares when its roles and containers are prepared. */
export interface ServiceEnvParts {
  readonly base: BaseDefinition;
  readonly baseState: BaseRemoteState;
  readonly logGroup: CloudwatchLogGroup;
  readonly backends: EnvBackends;
  /** The env database's variables and secret, when the set declares one. */
  readonly access?: DatabaseAccess;
  readonly envoyImage: string;
}

/** A service's roles and container definitions, and the security groups its tasks carry. */
export function prepareService(scope: Construct, planned: PlannedService, env: ServiceEnvParts) {
  const base = env.base;
  const stage = base.tier === 'stage';
  const def = planned.definition;
  const uses = def.uses ?? [];
  const access = uses.includes('database') ? env.access : undefined;
  const secrets = allSecrets(planned);
  const roles = new ServiceRoles(scope, `${def.name}_roles`, {
    executionRoleName: planned.names.executionRole.value,
    taskRoleName: planned.names.taskRole.value,
    executionRoleTags: readableNameTags(planned.names.executionRole),
    taskRoleTags: readableNameTags(planned.names.taskRole),
    logGroupArn: env.logGroup.arn,
    logStreamPrefix: def.name,
    ecrRepositoryArns: planned.ecrRepositoryArns,
    secretArns: [...secrets.filter((s) => s.store === 'secretsmanager').map((s) => s.iamResource), ...(access ? [access.secretArn] : [])],
    parameterArns: secrets.filter((s) => s.store === 'ssm').map((s) => s.iamResource),
    bucketArn: uses.includes('bucket') ? env.backends.bucket?.bucket.arn : undefined,
    tableArn: uses.includes('table') ? env.backends.table?.arn : undefined,
    enableExec: stage,
    // The cluster (modules/cluster/cluster.ts, named after the VPC) logs exec sessions here.
    execLogGroupArn: stage ? `arn:aws:logs:${base.region}:${base.accountId}:log-group:/ecs/${base.vpcName}/exec` : undefined,
  });
  const extraEnvironment: Record<string, string> = { ...(access?.environment ?? {}) };
  if (uses.includes('bucket') && env.backends.bucket) extraEnvironment[`${RESERVED_ENV_PREFIX}BUCKET`] = env.backends.bucket.bucket.bucket;
  if (uses.includes('table') && env.backends.table) extraEnvironment[`${RESERVED_ENV_PREFIX}TABLE`] = env.backends.table.name;
  const logs = { group: env.logGroup.name, region: base.region, streamPrefix: def.name };
  const specs = taskContainers({ planned, envoyImage: env.envoyImage, extraEnvironment, extraSecrets: access ? [access.secret] : [] });
  const clientGroup = access ? [env.baseState.get('database_client_security_group_id')] : [];
  return {
    planned,
    roles,
    logs,
    specs,
    containers: specs.map((spec) => containerDefinition(spec, logs)),
    usesDatabase: access !== undefined,
    securityGroupIds: (groups: Record<string, ServiceSecurityGroup>) => [groups[def.name].securityGroup.id, ...clientGroup],
  };
}

function allSecrets(planned: PlannedService) {
  return [...planned.secrets, ...Object.values(planned.extraSecrets).flat()];
}
