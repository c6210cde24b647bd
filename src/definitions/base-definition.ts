/**
 * The typed shape of a base: one VPC of one tier with its shared services.
 * Definitions (stage/base.ts, prod/base.ts) are plain data of this type; the base
 * stack composes the modules from it. Nothing here touches CDKTF.
 */

/** The tiers the tool knows. A tier is a folder (stage/, prod/) holding its definitions. */
export const TIERS = ['stage', 'prod'] as const;
export type Tier = (typeof TIERS)[number];

/** How the base gets the Route53 hosted zone of its domain. */
export type DnsZoneSource =
  /** Use an existing public hosted zone by id (no look-up at plan time). */
  | { readonly existingZoneId: string }
  /** Create the public hosted zone in the base; delegate to its name servers (an output). */
  | { readonly createZone: true };

/** Where Terraform state lives for every stack of this tier. */
export interface StateDefinition {
  /** S3 bucket holding all state of this account and region. */
  readonly bucket: string;
  /** Region of the bucket. */
  readonly region: string;
  /**
   * Days after which non-current state versions are deleted.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
}

/** Prometheus and Grafana of a base. */
export interface MonitoringDefinition {
  /** @default 't3.small' */
  readonly instanceType?: string;
  /** Size of the data volume (Prometheus TSDB and Grafana's database). @default 20 */
  readonly dataVolumeGiB?: number;
  /** Days of metrics kept. @default 15 */
  readonly retentionDays?: number;
  /** @default DEFAULT_PROMETHEUS_IMAGE */
  readonly prometheusImage?: string;
  /** @default DEFAULT_GRAFANA_IMAGE */
  readonly grafanaImage?: string;
}

export const DEFAULT_PROMETHEUS_IMAGE = 'prom/prometheus:v2.53.3';
/** Where a tier's CI runs: the identity provider its jobs' OIDC tokens come from, and the repository. */
export type CiIdentityDefinition =
  | { readonly provider: 'github'; /** `owner/name` */ readonly repository: string }
  | {
      readonly provider: 'gitlab';
      /** `group/project` (subgroups allowed) */
      readonly project: string;
      /** @default 'https://gitlab.com' */
      readonly url?: string;
    }
  | { readonly provider: 'circleci'; /** Organization id (a UUID) */ readonly organizationId: string; /** Project id (a UUID) */ readonly projectId: string };

/** envTtlDays when a base does not name it. */
export const DEFAULT_ENV_TTL_DAYS = 7;

export const DEFAULT_GRAFANA_IMAGE = 'grafana/grafana-oss:11.3.1';

/** The tier's Aurora PostgreSQL Serverless v2 cluster, holding one database per env that asks for one. */
export interface DatabaseClusterDefinition {
  /**
   * Aurora PostgreSQL engine version (16.x).
   * @default DEFAULT_AURORA_POSTGRES_VERSION
   */
  readonly engineVersion?: string;
  /**
   * Lowest capacity in ACUs (0.5 steps). 0 lets the cluster pause when idle (stage); prod keeps a floor.
   * @default 0 in stage, 0.5 in prod
   */
  readonly minCapacity?: number;
  /**
   * Highest capacity in ACUs.
   * @default 4 in stage, 16 in prod
   */
  readonly maxCapacity?: number;
  /**
   * Idle seconds before a cluster with minCapacity 0 pauses (300 to 86400).
   * @default 600
   */
  readonly secondsUntilAutoPause?: number;
  /**
   * Days of automated backups (1 to 35).
   * @default 1 in stage, 14 in prod
   */
  readonly backupRetentionDays?: number;
  /**
   * Instances: one writer, the rest readers in other zones.
   * @default 1 in stage, 2 in prod
   */
  readonly instances?: number;
}

export const DEFAULT_AURORA_POSTGRES_VERSION = '16.6';

/** The base's shared HTTPS ingress: how many load balancers (shards) envs are spread over. */
export interface IngressDefinition {
  /**
   * Load balancers of the base. An Application Load Balancer takes 100 listener rules and 100 target
   * groups, about 25 demo envs (20 where envs sleep: each adds its asleep rule); each shard is a full load balancer (~$16 a month idle in eu-west-1).
   * Adding shards never moves a live env; removing one that holds envs is refused.
   * @default 1
   */
  readonly shards?: number;
}

/**
 * When the tier's branch envs sleep: every service scaled to 0 and the env's hosts answering "asleep"
 * from the load balancer, outside working hours. Stage only (prod envs never sleep on a schedule).
 */
export interface SleepDefinition {
  /** IANA time zone of the hours, e.g. `Europe/Berlin` (daylight saving time is followed). */
  readonly timeZone: string;
  /** Working days: a range or a list of MON..SUN, e.g. `MON-FRI` or `MON,WED,FRI`. */
  readonly weekdays: string;
  /** Time envs wake on a working day, `HH:MM` (24 h). */
  readonly wakeAt: string;
  /** Time envs go to sleep on a working day, `HH:MM` (24 h); not equal to wakeAt. */
  readonly sleepAt: string;
}

export interface BaseDefinition {
  /** Tier of this base; decides cheaper (stage) or sturdier (prod) defaults. */
  readonly tier: Tier;
  /** Name of the VPC; part of the state key `<tier>/base/<vpcName>/terraform.tfstate` and of AWS names. */
  readonly vpcName: string;
  /** The only AWS account the stacks may touch (the provider refuses any other). */
  readonly accountId: string;
  /** AWS region, e.g. `eu-west-1`. */
  readonly region: string;
  /** IPv4 CIDR of the VPC, /16 to /22. Subnet CIDRs are computed from it. */
  readonly vpcCidr: string;
  /** Availability zones (at least two), named in full: `eu-west-1a`. No look-up at plan time. */
  readonly availabilityZones: readonly string[];
  /** One NAT gateway shared by all AZs (cheaper, for stage) or one per AZ (survives an AZ outage). */
  readonly natGateways: 'single' | 'per-az';
  /**
   * Interface endpoints for ECR (api, dkr) and CloudWatch Logs, so private tasks pull images without NAT.
   * @default false
   */
  readonly interfaceEndpoints?: boolean;
  /** The tier's DNS domain; env URLs live under it (`<env>.<domain>`), the certificate covers `*.<domain>`. */
  readonly domain: string;
  /** Route53 zone of `domain`. */
  readonly dnsZone: DnsZoneSource;
  /** Cloud Map private DNS namespace for service discovery, e.g. `stage-main.branchenv.internal`. */
  readonly discoveryNamespace: string;
  /** Retention of the base's log groups (flow logs, ECS Exec), in days; a value CloudWatch accepts. */
  readonly logRetentionDays: number;
  /** Refuse to delete the shared load balancer (set it in prod). */
  readonly loadBalancerDeletionProtection: boolean;
  /**
   * Days of VPC flow log retention, when it should differ from logRetentionDays.
   * @default logRetentionDays
   */
  readonly flowLogRetentionDays?: number;
  /** Where the state of this tier lives. */
  readonly state: StateDefinition;
  /**
   * Container registry host of the tier's images (`<account>.dkr.ecr.<region>.amazonaws.com`,
   * `ghcr.io/org`, …); service repositories are relative to it unless a set names its own.
   */
  readonly registry: string;
  /**
   * Prometheus and Grafana in the base.
   * @default t3.small, 20 GiB, 15 days
   */
  readonly monitoring?: MonitoringDefinition;
  /**
   * Days an env lives after its last apply before `reap` may drop it (its `expiry` tag).
   * @default 7
   */
  readonly envTtlDays?: number;
  /**
   * The shared HTTPS ingress.
   * @default one load balancer
   */
  readonly ingress?: IngressDefinition;
  /**
   * An Aurora PostgreSQL cluster for env databases (and their provisioner).
   * @default none: sets of this tier cannot declare a database
   */
  readonly database?: DatabaseClusterDefinition;
  /**
   * Envs sleep outside these hours (scheduled scaling to 0 and an "asleep" answer); protected envs
   * never do on a schedule. `env sleep` / `env wake` act by hand.
   * @default none: envs never sleep on a schedule, and `env sleep` is refused
   */
  readonly sleep?: SleepDefinition;
  /**
   * The CI that deploys this tier: `env bootstrap` creates its OIDC provider and a role
   * (`branchenv-<tier>-ci`) only that repository's pipelines can assume.
   * @default none: no CI identity
   */
  readonly ci?: CiIdentityDefinition;
  /**
   * Extra tags on every resource of the base (merged under the tool's own tags).
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
}
