import { BaseDefinition } from '../src/definitions/base-definition';

/**
 * The stage base: where every branch environment runs. Cheaper than prod where it is safe to be:
 * one shared NAT gateway, no interface endpoints, shorter log retention, no deletion protection.
 * Account, zone id and domain are examples: put your own before the first apply.
 */
export const stageBase: BaseDefinition = {
  tier: 'stage',
  vpcName: 'stage-main',
  accountId: '111111111111',
  region: 'eu-west-1',
  vpcCidr: '10.20.0.0/16',
  availabilityZones: ['eu-west-1a', 'eu-west-1b'],
  natGateways: 'single',
  interfaceEndpoints: false,
  domain: 'stage.branchenv.example.com',
  dnsZone: { existingZoneId: 'Z0STAGEEXAMPLE000001' },
  discoveryNamespace: 'stage-main.branchenv.internal',
  logRetentionDays: 30,
  loadBalancerDeletionProtection: false,
  state: { bucket: 'branchenv-tfstate-111111111111-eu-west-1', region: 'eu-west-1' },
  registry: '111111111111.dkr.ecr.eu-west-1.amazonaws.com',
  envTtlDays: 7,
  monitoring: { instanceType: 't3.small', dataVolumeGiB: 20, retentionDays: 15 },
  // About 20 demo envs per load balancer (100 listener rules: 4 routes and the asleep rule each; 100 target groups).
  ingress: { shards: 5 },
  database: { minCapacity: 0, maxCapacity: 4, secondsUntilAutoPause: 600 },
  // Outside these hours every env but the protected ones scales to 0 and its hosts say it is asleep.
  sleep: { timeZone: 'Europe/Berlin', weekdays: 'MON-FRI', wakeAt: '07:00', sleepAt: '20:00' },
  // The pipelines of this repository deploy stage envs (env bootstrap creates the role they assume).
  ci: { provider: 'github', repository: 'example-org/branchenv-demo' },
  tags: { 'cost-center': 'platform' },
};
