/**
 * The AWS limits an env can run into, in one table with where each comes from (Service Quotas
 * names; "adjustable" as AWS documents it). Issue 12's capacity checks compare an env's needs
 * (env-needs.ts) with these, per load balancer and per account.
 * Source: Elastic Load Balancing, Cloud Map, Amazon VPC and Fargate quota pages as last known
 * (2026-11); verify with Service Quotas for the account.
 */
export interface AwsLimit {
  readonly name: string;
  readonly value: number;
  /** AWS raises it on request. */
  readonly adjustable: boolean;
  /** What to do when it is reached. */
  readonly whenReached: string;
}

export const AWS_LIMITS = {
  rulesPerLoadBalancer: {
    name: 'Rules per Application Load Balancer (not counting default rules)',
    value: 100,
    adjustable: true,
    whenReached: 'add an ingress shard, or raise "Rules per Application Load Balancer" in Service Quotas',
  },
  targetGroupsPerLoadBalancer: {
    name: 'Target groups per Application Load Balancer',
    value: 100,
    adjustable: false,
    whenReached: 'add an ingress shard (this quota cannot be raised)',
  },
  conditionValuesPerRule: {
    name: 'Condition values per listener rule',
    value: 5,
    adjustable: false,
    whenReached: 'route fewer hosts or paths per rule',
  },
  inboundRulesPerSecurityGroup: {
    name: 'Inbound rules per security group',
    value: 60,
    adjustable: true,
    whenReached: 'let fewer services call one service, or raise "Inbound rules per security group"',
  },
  instancesPerCloudMapService: {
    name: 'Instances per Cloud Map service',
    value: 1000,
    adjustable: false,
    whenReached: 'lower the service\'s autoscaling max',
  },
  instancesPerCloudMapNamespace: {
    name: 'Instances per Cloud Map namespace',
    value: 2000,
    adjustable: true,
    whenReached: 'raise "Instances per namespace" in Service Quotas, or split the tier into two bases',
  },
} as const satisfies Record<string, AwsLimit>;
