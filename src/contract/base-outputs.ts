/**
 * The contract between a base and the branch envs inside it: the outputs a base publishes in its
 * state, which branch stacks read through `terraform_remote_state`. One place, typed: adding a
 * field here forces the base stack to publish it (the compiler checks the mapping), and the
 * accessor on the branch side reads exactly these names.
 */

export type BaseOutputKind = 'string' | 'number' | 'list';

interface OutputSpec {
  readonly kind: BaseOutputKind;
  readonly description: string;
}

export const BASE_OUTPUTS = {
  tier: { kind: 'string', description: 'Tier of the base (stage or prod)' },
  vpc_name: { kind: 'string', description: 'Name of the VPC' },
  region: { kind: 'string', description: 'AWS region of the base' },
  vpc_id: { kind: 'string', description: 'Id of the VPC' },
  vpc_cidr: { kind: 'string', description: 'IPv4 CIDR of the VPC' },
  availability_zones: { kind: 'list', description: 'Availability zones, in subnet order' },
  private_subnet_ids: { kind: 'list', description: 'Private subnets for tasks, one per zone' },
  public_subnet_ids: { kind: 'list', description: 'Public subnets (load balancer, NAT), one per zone' },
  namespace_id: { kind: 'string', description: 'Cloud Map private DNS namespace id' },
  namespace_name: { kind: 'string', description: 'Cloud Map private DNS namespace name' },
  namespace_arn: { kind: 'string', description: 'Cloud Map private DNS namespace ARN' },
  cluster_name: { kind: 'string', description: 'ECS cluster name' },
  cluster_arn: { kind: 'string', description: 'ECS cluster ARN' },
  load_balancer_arn: { kind: 'string', description: 'Shared load balancer ARN' },
  load_balancer_dns_name: { kind: 'string', description: 'Shared load balancer DNS name' },
  load_balancer_zone_id: { kind: 'string', description: 'Hosted zone id of the load balancer (for aliases)' },
  load_balancer_security_group_id: { kind: 'string', description: 'Security group of the shared load balancer' },
  https_listener_arn: { kind: 'string', description: 'HTTPS listener that env listener rules attach to' },
  domain: { kind: 'string', description: 'DNS domain of the tier; env hosts live under it' },
  zone_id: { kind: 'string', description: 'Route53 zone id of the domain' },
  zone_name_servers: { kind: 'list', description: 'Name servers to delegate to when the base created the zone; empty otherwise' },
  log_retention_days: { kind: 'number', description: 'Log retention of the tier, in days' },
  grafana_url: { kind: 'string', description: 'Grafana of the base, with dashboards of every env' },
  ingress_shards: { kind: 'number', description: 'Load balancers (shards) of the ingress; the load_balancer_* and https_listener_arn outputs are shard 1' },
  https_listener_arns: { kind: 'list', description: 'HTTPS listener of each shard, shard 1 first' },
  load_balancer_dns_names: { kind: 'list', description: 'DNS name of each shard, shard 1 first' },
  load_balancer_zone_ids: { kind: 'list', description: 'Hosted zone id of each shard (for aliases), shard 1 first' },
  load_balancer_security_group_ids: { kind: 'list', description: 'Security group of each shard, shard 1 first' },
  database_endpoint: { kind: 'string', description: 'Writer endpoint of the Aurora PostgreSQL cluster; empty when the base has no database' },
  database_port: { kind: 'number', description: 'PostgreSQL port of the cluster (0 when the base has no database)' },
  database_client_security_group_id: {
    kind: 'string',
    description: 'Security group the cluster admits on 5432: env tasks that use the database get it; empty without a database',
  },
  database_provisioner_function: { kind: 'string', description: 'Lambda function that creates and drops env databases; empty without a database' },
  task_runner_function: { kind: 'string', description: 'Lambda function that runs an env migration task and waits for it; empty without a database' },
} as const satisfies Record<string, OutputSpec>;

export type BaseOutputName = keyof typeof BASE_OUTPUTS;

/** TypeScript type of each output's value. */
export type BaseOutputs = {
  readonly [K in BaseOutputName]: (typeof BASE_OUTPUTS)[K]['kind'] extends 'list'
    ? string[]
    : (typeof BASE_OUTPUTS)[K]['kind'] extends 'number'
      ? number
      : string;
};

export const BASE_OUTPUT_NAMES = Object.keys(BASE_OUTPUTS) as BaseOutputName[];
