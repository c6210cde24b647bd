import { BaseDefinition } from '../src/definitions/base-definition';

/**
 * The prod base. Differs from stage where an outage or a lost log would cost: a NAT gateway per
 * zone, three zones, interface endpoints (image pulls do not depend on NAT), deletion protection on
 * the load balancer, a year of logs. Account and domain are examples: put your own.
 */
export const prodBase: BaseDefinition = {
  tier: 'prod',
  vpcName: 'prod-main',
  accountId: '222222222222',
  region: 'eu-west-1',
  vpcCidr: '10.30.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  natGateways: 'per-az',
  interfaceEndpoints: true,
  domain: 'branchenv.example.com',
  dnsZone: { createZone: true },
  discoveryNamespace: 'prod-main.branchenv.internal',
  logRetentionDays: 365,
  loadBalancerDeletionProtection: true,
  state: { bucket: 'branchenv-tfstate-222222222222-eu-west-1', region: 'eu-west-1', noncurrentVersionExpirationDays: 365 },
  registry: '222222222222.dkr.ecr.eu-west-1.amazonaws.com',
  envTtlDays: 30,
  monitoring: { instanceType: 't3.medium', dataVolumeGiB: 100, retentionDays: 90 },
  // About 25 demo envs per load balancer (100 listener rules, 100 target groups each).
  ingress: { shards: 2 },
  database: { minCapacity: 0.5, maxCapacity: 16, backupRetentionDays: 14, instances: 2 },
  tags: { 'cost-center': 'platform' },
};
