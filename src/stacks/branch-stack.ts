import { Construct } from 'constructs';
import { TerraformResource } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { declarePolicyException } from '../../modules/common/policy-exception';
import { EnvBackends } from '../../modules/env/env-backends';
import { ListenerRoute, ListenerRoutes } from '../../modules/ingress/listener-routes';
import { ServiceTargetGroup } from '../../modules/ingress/service-target-group';
import { HostRecords } from '../../modules/ingress/host-records';
import { hostRecords, shardIngress } from './env-shard';
import { addEnvAsleep, serviceSleep } from './env-sleep';
import { containerDefinition } from '../../modules/service/container-definitions';
import { FargateService } from '../../modules/service/fargate-service';
import { ServiceSecurityGroup } from '../../modules/service/service-security-group';
import { localBaseOutputs } from '../contract/local-base-outputs';
import { BaseDefinition } from '../definitions/base-definition';
import { DEFAULT_ENVOY_IMAGE, ServiceSetDefinition } from '../definitions/service-set';
import { ENVOY_PORTS } from '../definitions/reserved';
import { EnvIdentity, tagValue } from '../env/env-identity';
import { planServices, PlannedService } from '../env/plan-services';
import { ENVOY_CONTAINER, oneOffContainer, writableRootReasons } from '../env/task-containers';
import { prepareService } from './prepare-service';
import { envNames, readableNameTags } from '../names/env-resource-names';
import { baseStateKey, envStateKey } from '../names/state-keys';
import { addAwsProvider, toolTags } from './aws-provider';
import { BackendChoice, configureBackend } from './backend';
import { BaseRemoteState } from './base-remote-state';
import { ReadableStack } from './readable-stack';
import { escapeTemplate } from '../../modules/common/escape-template';
import { EnvDatabase } from '../../modules/database/env-database';
import { MigrationTask } from '../../modules/database/migration-task';
import { databaseAccess, DatabaseAccess } from './env-database-access';
import { resolveSecret } from '../env/secret-references';
import { DEFAULT_MIGRATE_SECONDS } from '../definitions/validate-set-database';
import { addEnvOutputs } from './env-outputs';

export interface BranchStackProps {
  readonly base: BaseDefinition;
  /** A validated service set. */
  readonly set: ServiceSetDefinition;
  readonly identity: EnvIdentity;
  /** Image reference per service name. */
  readonly images: Readonly<Record<string, string>>;
  /**
   * Local mode: local state files, base values from defaults, a provider that never calls AWS.
   * @default false
   */
  readonly local?: boolean;
  /**
   * The ingress shard (load balancer) the env's routes live on, 1-based. Shard 1 is reached through
   * the base's `*.<domain>` record; any other gets a DNS record per host.
   * @default 1
   */
  readonly shard?: number;
  /**
   * Local mode's state backend (the embedded S3 server).
   * @default a local state file in the stack folder
   */
  readonly localStateBackend?: BackendChoice;
  /** Sleep on the base's `sleep` hours; false for protected envs. @default true */
  readonly scheduledSleep?: boolean;
}

/** One branch env of one service set: every service of the set inside the base, reachable at env-unique names. */
export class BranchStack extends ReadableStack {
  public readonly baseState: BaseRemoteState;
  public readonly services: Readonly<Record<string, FargateService>>;
  public readonly planned: readonly PlannedService[];
  /** The env's database, when the set declares one. */
  public readonly database?: EnvDatabase;
  /** The set's migration, when it names one. */
  public readonly migration?: MigrationTask;

  constructor(scope: Construct, id: string, props: BranchStackProps) {
    super(scope, id);
    const { base, set, identity } = props;
    const local = props.local ?? false;
    const parts = { tier: base.tier, set: set.name, env: identity.name };
    const names = envNames(parts);
    const stage = base.tier === 'stage';

    configureBackend(
      this,
      local
        ? (props.localStateBackend ?? { kind: 'local', path: 'terraform.tfstate' })
        : { kind: 's3', bucket: base.state.bucket, region: base.state.region, key: envStateKey(base.tier, set.name, identity.name) },
    );
    addAwsProvider(this, {
      region: base.region,
      accountId: base.accountId,
      offline: local,
      tags: toolTags(base.tags, {
        tier: base.tier,
        set: set.name,
        env: identity.name,
        branch: tagValue(identity.branch),
        commit: tagValue(identity.commit),
        'created-by': tagValue(identity.createdBy),
        expiry: identity.expiresOn,
      }),
    });

    this.baseState = new BaseRemoteState(this, 'base', {
      source: local
        ? { kind: 'local', path: localBaseStateFile(base.tier) }
        : { kind: 's3', bucket: base.state.bucket, region: base.state.region, key: baseStateKey(base.tier, base.vpcName) },
      defaults: local ? localBaseOutputs(base) : undefined,
    });
    const ingress = shardIngress(this.baseState, base, props.shard ?? 1);
    const vpcId = this.baseState.get('vpc_id');
    const vpcCidr = this.baseState.get('vpc_cidr');

    const logGroup = new CloudwatchLogGroup(this, 'logs', { name: names.logGroup.value, retentionInDays: base.logRetentionDays });
    const backends = new EnvBackends(this, 'backends', {
      bucketName: set.backends?.bucket ? names.bucket(base.accountId, base.region).value : undefined,
      bucketTags: set.backends?.bucket ? readableNameTags(names.bucket(base.accountId, base.region)) : undefined,
      table: set.backends?.table ? { name: names.table.value, ...set.backends.table } : undefined,
    });

    if (set.database) {
      this.database = new EnvDatabase(this, 'db', {
        name: names.database.value,
        owner: `${base.tier}/${set.name}/${identity.name}`,
        secretName: names.databaseSecret.value,
        provisionerFunction: this.baseState.get('database_provisioner_function'),
      });
    }
    const access: DatabaseAccess | undefined = this.database
      ? databaseAccess({
          host: this.baseState.get('database_endpoint'),
          port: this.baseState.get('database_port'),
          name: names.database.value,
          // By name (a partial ARN ECS accepts), known at plan time: container definitions stay readable in plans.
          secret: resolveSecret('PGPASSWORD', { secretsManager: names.databaseSecret.value, jsonKey: 'password' }, { ...base, envSecretPrefix: names.envSecretPrefix }),
        })
      : undefined;

    this.planned = planServices({ base, set, env: identity.name, images: props.images });
    const groups: Record<string, ServiceSecurityGroup> = {};
    for (const planned of this.planned) {
      groups[planned.definition.name] = new ServiceSecurityGroup(this, `${planned.definition.name}_network`, {
        name: planned.names.securityGroup.value,
        service: planned.definition.name,
        vpcId,
        vpcCidr,
        ingressPort: ENVOY_PORTS.ingress,
        metricsPort: ENVOY_PORTS.metrics,
      });
    }
    // Envoy's ingress admits the shared load balancer (public services) and the env's callers, nothing else.
    for (const planned of this.planned) {
      const group = groups[planned.definition.name];
      if (planned.isPublic) {
        group.allowFrom('from_load_balancer', ingress.securityGroupId, 'Envoy ingress from the shared load balancer');
      }
      for (const caller of planned.callers) {
        group.allowFrom(`from_${caller.replace(/-/g, '_')}`, groups[caller].securityGroup.id, `Envoy ingress from ${caller} of this env`);
      }
    }

    const targetGroups: Record<string, ServiceTargetGroup> = {};
    const routes: ListenerRoute[] = [];
    for (const planned of this.planned.filter((p) => p.isPublic)) {
      const def = planned.definition;
      if (!('path' in def.healthCheck)) throw new Error(`public service ${def.name} needs a healthCheck.path for the load balancer`);
      const tg = new ServiceTargetGroup(this, `${def.name}_ingress`, {
        name: planned.names.targetGroup.value,
        vpcId,
        port: ENVOY_PORTS.ingress,
        protocolVersion: def.protocol === 'grpc' ? 'GRPC' : def.protocol === 'http2' ? 'HTTP2' : 'HTTP1',
        healthCheckPath: def.healthCheck.path,
        deregistrationDelaySeconds: stage ? 5 : 30,
        tags: readableNameTags(planned.names.targetGroup),
      });
      targetGroups[def.name] = tg;
      for (const route of planned.routes) routes.push({ ...route, targetGroupArn: tg.targetGroup.arn });
    }
    const listenerRoutes = new ListenerRoutes(this, 'routes', { listenerArn: ingress.listenerArn, routes });
    const hosts = [...new Set(routes.map((r) => r.host))];
    addEnvAsleep(this, { base, parts, scheduled: props.scheduledSleep ?? true, listenerArn: ingress.listenerArn, hosts, forwardRules: Object.values(listenerRoutes.rules) });
    if (ingress.shard > 1) {
      // `*.<domain>` points at shard 1: the env's hosts need records of their own.
      new HostRecords(this, 'dns', {
        zoneId: this.baseState.get('zone_id'),
        hosts: hostRecords(this.planned),
        loadBalancerDnsName: ingress.dnsName,
        loadBalancerZoneId: ingress.zoneId,
      });
    }

    // First each service's roles and containers; then the migration (it runs with one service's
    // task); then the services, which wait for the database and the migration.
    const envoyImage = set.envoyImage ?? DEFAULT_ENVOY_IMAGE;
    const prepared = this.planned.map((planned) => prepareService(this, planned, { base, baseState: this.baseState, logGroup, backends, access, envoyImage }));
    const migrate = set.database?.migrate;
    const migrating = migrate ? prepared.find((p) => p.planned.definition.name === migrate.service) : undefined;
    if (migrate && migrating && this.database) {
      const def = migrating.planned.definition;
      this.migration = new MigrationTask(this, `${def.name}_migrate`, {
        family: `${migrating.planned.names.taskFamily.value}-migrate`,
        containers: [containerDefinition(oneOffContainer(migrating.specs[0], migrate.command), migrating.logs)],
        container: def.name,
        command: migrate.command.map(escapeTemplate),
        cpu: def.cpu,
        memory: def.memory,
        executionRoleArn: migrating.roles.executionRole.arn,
        taskRoleArn: migrating.roles.taskRole.arn,
        clusterName: this.baseState.get('cluster_name'),
        subnetIds: this.baseState.get('private_subnet_ids'),
        securityGroupIds: migrating.securityGroupIds(groups),
        capacityProvider: stage ? 'FARGATE_SPOT' : 'FARGATE',
        logGroup: logGroup.name,
        logStreamPrefix: def.name,
        timeoutSeconds: migrate.timeoutSeconds ?? DEFAULT_MIGRATE_SECONDS,
        label: `${names.key}: ${def.name} migrate`,
        runnerFunction: this.baseState.get('task_runner_function'),
        // The task reads the password and pulls its image with these roles: their policies first.
        dependsOn: [this.database.provisioning, ...migrating.roles.policies],
      });
      const reasons = writableRootReasons(migrating.planned);
      if (reasons.length > 0) declarePolicyException(this.migration.taskDefinition, 'CKV_AWS_336', reasons.join('; '));
    }

    const services: Record<string, FargateService> = {};
    for (const { planned, containers, roles, usesDatabase, securityGroupIds } of prepared) {
      const def = planned.definition;
      const tg = targetGroups[def.name];
      const waitFor: TerraformResource[] = [
        ...(usesDatabase && this.database ? [this.database.provisioning] : []),
        ...(this.migration ? [this.migration.run] : []),
      ];
      const service = new FargateService(this, def.name, {
        serviceName: planned.names.ecsService.value,
        taskFamily: planned.names.taskFamily.value,
        discoveryName: planned.names.discovery.value,
        namespaceId: this.baseState.get('namespace_id'),
        clusterArn: this.baseState.get('cluster_arn'),
        clusterName: this.baseState.get('cluster_name'),
        subnetIds: this.baseState.get('private_subnet_ids'),
        securityGroupIds: securityGroupIds(groups),
        executionRoleArn: roles.executionRole.arn,
        taskRoleArn: roles.taskRole.arn,
        cpu: def.cpu,
        memory: def.memory,
        containers,
        desiredCount: def.desiredCount,
        capacityProvider: stage ? 'FARGATE_SPOT' : 'FARGATE',
        enableExec: stage,
        autoscaling: def.autoscaling,
        ...serviceSleep(base, props.scheduledSleep ?? true),
        loadBalancer: tg
          ? {
              targetGroupArn: tg.targetGroup.arn,
              containerName: ENVOY_CONTAINER,
              containerPort: ENVOY_PORTS.ingress,
              dependsOn: planned.routes.map((r) => listenerRoutes.rules[r.id]),
            }
          : undefined,
        dependsOn: waitFor,
      });
      const reasons = writableRootReasons(planned);
      if (reasons.length > 0) declarePolicyException(service.taskDefinition, 'CKV_AWS_336', reasons.join('; '));
      services[def.name] = service;
    }
    this.services = services;
    addEnvOutputs(this, { base: props.base, set: props.set, identity: props.identity, shard: props.shard, planned: this.planned, baseState: this.baseState, database: this.database, logGroupName: logGroup.name });
  }
}

/** Local mode's base state file, in the stack folder: empty, so every output comes from the defaults. */
export function localBaseStateFile(tier: string): string {
  return `base-${tier}.local.tfstate`;
}

/** An empty Terraform state (format 4): what local mode reads as its base. */
export const EMPTY_STATE = JSON.stringify({ version: 4, terraform_version: '1.10.0', serial: 0, lineage: 'branchenv-local', outputs: {}, resources: [] });

