import { Construct } from 'constructs';
import { Fn, TerraformOutput } from 'cdktf';
import { Cluster } from '../../modules/cluster/cluster';
import { DiscoveryNamespace } from '../../modules/discovery/discovery-namespace';
import { SharedLoadBalancer } from '../../modules/ingress/shared-load-balancer';
import { TierCertificate } from '../../modules/ingress/tier-certificate';
import { HostRoute } from '../../modules/ingress/host-route';
import { MonitoringHost } from '../../modules/monitoring/monitoring-host';
import { Network } from '../../modules/network/network';
import { gzipSync } from 'node:zlib';
import { monitoringRenderInput, monitoringSettings } from '../monitoring/monitoring-settings';
import { renderMonitoring } from '../monitoring/render-monitoring';
import { BASE_OUTPUTS, BaseOutputs } from '../contract/base-outputs';
import { BaseDefinition } from '../definitions/base-definition';
import { clusterSettings, POSTGRES_PORT } from '../database/cluster-settings';
import { FunctionZip } from '../synth/function-code';
import { BaseDatabase } from './base-database';
import { addAwsProvider, toolTags } from './aws-provider';
import { BackendChoice, configureBackend } from './backend';
import { ReadableStack } from './readable-stack';

export interface BaseStackProps {
  /** A validated base definition. */
  readonly definition: BaseDefinition;
  /** Where the base's state lives (S3 at `<tier>/base/<vpc>/terraform.tfstate`, or local). */
  readonly backend: BackendChoice;
  /**
   * Code of the database functions (zips the catalog writes into the stack folder).
   * @default none: required when the definition has a database
   */
  readonly functionCode?: { readonly provisioner: FunctionZip; readonly taskRunner: FunctionZip };
  /**
   * Local mode: a provider with fake credentials that never calls AWS (the backend then names local
   * mode's store).
   * @default false
   */
  readonly offline?: boolean;
}

/**
 * The long-lived base of one VPC and tier: network, service discovery, ECS cluster, shared HTTPS
 * ingress. It publishes what branch envs need as the outputs of the base contract.
 */
export class BaseStack extends ReadableStack {
  public readonly network: Network;
  public readonly discovery: DiscoveryNamespace;
  public readonly cluster: Cluster;
  public readonly certificate: TierCertificate;
  /** Shard 1 of the ingress (the load balancer Grafana and the wildcard record use). */
  public readonly ingress: SharedLoadBalancer;
  /** Every load balancer of the ingress, shard 1 first. */
  public readonly shards: readonly SharedLoadBalancer[];
  public readonly monitoring: MonitoringHost;
  /** The Aurora cluster and its functions, when the definition has a database. */
  public readonly database?: BaseDatabase;

  constructor(scope: Construct, id: string, props: BaseStackProps) {
    super(scope, id);
    const def = props.definition;
    const flowLogRetentionDays = def.flowLogRetentionDays ?? def.logRetentionDays;
    const existingZoneId = 'existingZoneId' in def.dnsZone ? def.dnsZone.existingZoneId : undefined;

    configureBackend(this, props.backend);
    addAwsProvider(this, {
      region: def.region,
      accountId: def.accountId,
      tags: toolTags(def.tags, { tier: def.tier, base: def.vpcName, stack: id }),
      offline: props.offline,
    });

    this.network = new Network(this, 'network', {
      name: def.vpcName,
      cidr: def.vpcCidr,
      region: def.region,
      availabilityZones: def.availabilityZones,
      natGateways: def.natGateways,
      interfaceEndpoints: def.interfaceEndpoints ?? false,
      flowLogRetentionDays,
    });
    this.discovery = new DiscoveryNamespace(this, 'discovery', {
      name: def.discoveryNamespace,
      vpcId: this.network.vpc.id,
    });
    this.cluster = new Cluster(this, 'cluster', {
      name: def.vpcName,
      defaultCapacityProvider: def.tier === 'prod' ? 'FARGATE' : 'FARGATE_SPOT',
      execLogRetentionDays: def.logRetentionDays,
    });
    this.certificate = new TierCertificate(this, 'certificate', { domain: def.domain, existingZoneId });
    // Shard 1 keeps the addresses and names of a base without shards; shard n is `ingress_<n>`, `<vpc>-<n>`.
    this.shards = Array.from({ length: def.ingress?.shards ?? 1 }, (_, i) => {
      const n = i + 1;
      return new SharedLoadBalancer(this, n === 1 ? 'ingress' : `ingress_${n}`, {
        name: n === 1 ? def.vpcName : `${def.vpcName}-${n}`,
        vpcId: this.network.vpc.id,
        vpcCidr: def.vpcCidr,
        publicSubnetIds: this.network.publicSubnetIds,
        domain: def.domain,
        zoneId: this.certificate.zoneId,
        certificateArn: this.certificate.validation.certificateArn,
        deletionProtection: def.loadBalancerDeletionProtection,
        wildcardRecord: n === 1,
      });
    });
    this.ingress = this.shards[0];

    // Prometheus and Grafana: configuration rendered from the definition, shipped as the host's start-up script.
    const monitoring = monitoringSettings(def);
    const renderInput = monitoringRenderInput(def);
    const startUp = renderMonitoring(renderInput)['start-up.sh'];
    const firstZone = this.network.zones[0];
    this.monitoring = new MonitoringHost(this, 'monitoring', {
      name: def.vpcName,
      vpcId: this.network.vpc.id,
      vpcCidr: def.vpcCidr,
      subnetId: firstZone.privateSubnet.id,
      availabilityZone: firstZone.layout.availabilityZone,
      instanceType: monitoring.instanceType,
      dataVolumeGiB: monitoring.dataVolumeGiB,
      dataDevice: renderInput.dataDevice,
      userDataBase64: gzipSync(Buffer.from(startUp), { level: 9 }).toString('base64'),
      loadBalancerSecurityGroupId: this.ingress.securityGroup.id,
      grafanaSecretName: monitoring.grafanaSecretName,
      protectData: def.tier === 'prod',
    });
    new HostRoute(this, 'grafana', {
      name: `${def.vpcName}-grafana`,
      vpcId: this.network.vpc.id,
      listenerArn: this.ingress.httpsListener.arn,
      host: monitoring.grafanaHost,
      instanceId: this.monitoring.instance.id,
      port: 3000,
      healthCheckPath: '/api/health',
    });

    const settings = clusterSettings(def);
    if (settings) {
      if (!props.functionCode) throw new Error('BaseStack: a base with a database needs functionCode (the bundled functions)');
      this.database = new BaseDatabase(this, 'database', {
        definition: def,
        settings,
        vpcId: this.network.vpc.id,
        vpcCidr: def.vpcCidr,
        privateSubnetIds: this.network.privateSubnetIds,
        clusterArn: this.cluster.cluster.arn,
        code: props.functionCode,
      });
    }
    const db = this.database;

    const outputs: BaseOutputs = {
      tier: def.tier,
      vpc_name: def.vpcName,
      region: def.region,
      vpc_id: this.network.vpc.id,
      vpc_cidr: this.network.vpc.cidrBlock,
      availability_zones: [...def.availabilityZones],
      private_subnet_ids: this.network.privateSubnetIds,
      public_subnet_ids: this.network.publicSubnetIds,
      namespace_id: this.discovery.namespace.id,
      namespace_name: this.discovery.namespace.name,
      namespace_arn: this.discovery.namespace.arn,
      cluster_name: this.cluster.cluster.name,
      cluster_arn: this.cluster.cluster.arn,
      load_balancer_arn: this.ingress.loadBalancer.arn,
      load_balancer_dns_name: this.ingress.loadBalancer.dnsName,
      load_balancer_zone_id: this.ingress.loadBalancer.zoneId,
      load_balancer_security_group_id: this.ingress.securityGroup.id,
      https_listener_arn: this.ingress.httpsListener.arn,
      domain: def.domain,
      zone_id: this.certificate.zoneId,
      zone_name_servers: this.certificate.zone ? this.certificate.zone.nameServers : Fn.tolist([]),
      log_retention_days: def.logRetentionDays,
      grafana_url: `https://${monitoring.grafanaHost}`,
      ingress_shards: this.shards.length,
      https_listener_arns: this.shards.map((shard) => shard.httpsListener.arn),
      load_balancer_dns_names: this.shards.map((shard) => shard.loadBalancer.dnsName),
      load_balancer_zone_ids: this.shards.map((shard) => shard.loadBalancer.zoneId),
      load_balancer_security_group_ids: this.shards.map((shard) => shard.securityGroup.id),
      database_endpoint: db ? db.cluster.cluster.endpoint : '',
      database_port: db ? POSTGRES_PORT : 0,
      database_client_security_group_id: db ? db.cluster.clientSecurityGroup.id : '',
      database_provisioner_function: db ? db.provisioner.function.functionName : '',
      task_runner_function: db ? db.taskRunner.function.functionName : '',
    };
    for (const [name, value] of Object.entries(outputs)) {
      new TerraformOutput(this, name, {
        value,
        description: BASE_OUTPUTS[name as keyof BaseOutputs].description,
      });
    }
  }
}
