import { BaseDefinition } from '../definitions/base-definition';
import { BaseOutputs } from './base-outputs';

/**
 * Stand-in values of the base contract for local mode: well-formed ids and ARNs derived from the
 * base definition, so a branch env plans with no base and no AWS account. Never used for a real plan.
 */
export function localBaseOutputs(def: BaseDefinition): BaseOutputs {
  const arn = (service: string, resource: string) => `arn:aws:${service}:${def.region}:${def.accountId}:${resource}`;
  const zones = [...def.availabilityZones];
  const shardCount = def.ingress?.shards ?? 1;
  const shards = Array.from({ length: shardCount }, (_, i) => i + 1);
  // Shard 1 is the load balancer a base without shards has; shard n > 1 is `<vpc>-<n>`.
  const shardName = (n: number) => (n === 1 ? def.vpcName : `${def.vpcName}-${n}`);
  const listenerArns = shards.map((n) => arn('elasticloadbalancing', `listener/app/${shardName(n)}/0000000000000000/0000000000000443`));
  const dnsNames = shards.map((n) => `${shardName(n)}-0000000000.${def.region}.elb.amazonaws.com`);
  const zoneIds = shards.map(() => 'Z32O12XQLNTSW2');
  const securityGroupIds = shards.map((n) => (n === 1 ? 'sg-0000000000000local' : `sg-00000000000local${n}`));
  return {
    tier: def.tier,
    vpc_name: def.vpcName,
    region: def.region,
    vpc_id: 'vpc-0000000000000local',
    vpc_cidr: def.vpcCidr,
    availability_zones: zones,
    private_subnet_ids: zones.map((_, i) => `subnet-000000000000priv${i}`),
    public_subnet_ids: zones.map((_, i) => `subnet-0000000000000pub${i}`),
    namespace_id: 'ns-localnamespace00',
    namespace_name: def.discoveryNamespace,
    namespace_arn: arn('servicediscovery', 'namespace/ns-localnamespace00'),
    cluster_name: def.vpcName,
    cluster_arn: arn('ecs', `cluster/${def.vpcName}`),
    load_balancer_arn: arn('elasticloadbalancing', `loadbalancer/app/${def.vpcName}/0000000000000000`),
    // The singular load balancer outputs are shard 1's, as in a real base.
    load_balancer_dns_name: dnsNames[0],
    load_balancer_zone_id: zoneIds[0],
    load_balancer_security_group_id: securityGroupIds[0],
    https_listener_arn: listenerArns[0],
    domain: def.domain,
    zone_id: 'existingZoneId' in def.dnsZone ? def.dnsZone.existingZoneId : 'Z0000000000000LOCAL',
    zone_name_servers: [],
    log_retention_days: def.logRetentionDays,
    grafana_url: `https://grafana.${def.domain}`,
    ingress_shards: shardCount,
    https_listener_arns: listenerArns,
    load_balancer_dns_names: dnsNames,
    load_balancer_zone_ids: zoneIds,
    load_balancer_security_group_ids: securityGroupIds,
    database_endpoint: def.database ? `${def.vpcName}-postgres.cluster-local000000.${def.region}.rds.amazonaws.com` : '',
    database_port: def.database ? 5432 : 0,
    database_client_security_group_id: def.database ? 'sg-00000000000dbclient' : '',
    database_provisioner_function: def.database ? `${def.vpcName}-database-provisioner` : '',
    task_runner_function: def.database ? `${def.vpcName}-task-runner` : '',
  };
}
