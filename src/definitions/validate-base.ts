import { planSubnets } from '../../modules/network/subnet-layout';
import { parseCidr } from '../../modules/network/ipv4-cidr';
import { BaseDefinition, TIERS } from './base-definition';
import { DefinitionError, DefinitionProblem } from './definition-error';
import { baseDatabaseProblems } from './validate-base-database';
import { baseSleepProblems } from './validate-base-sleep';
import { baseCiProblems } from './validate-base-ci';

/** Retention values CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;
const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
/** The VPC name prefixes the load balancer and Grafana's target group (`-grafana`), both at most 32 characters. */
const MAX_VPC_NAME = 24;
/**
 * Load balancers per ingress: 30 shards hold 500–600 demo envs, and `<vpc>-<n>` stays within the 32
 * characters of a load balancer name. The account's "Application Load Balancers per Region" quota
 * (50 by default) must hold them.
 */
export const MAX_SHARDS = 30;

/** Every problem of a base definition, with the path to the field. Empty when valid. */
export function baseProblems(def: BaseDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  if (!(TIERS as readonly string[]).includes(def.tier)) add('tier', `"${def.tier}" is not one of ${TIERS.join(', ')}`);
  if (!/^[a-z][a-z0-9-]*[a-z0-9]$/.test(def.vpcName) || def.vpcName.length > MAX_VPC_NAME) {
    add('vpcName', `"${def.vpcName}" must be lowercase letters, digits and dashes, 2 to ${MAX_VPC_NAME} characters`);
  }
  if (!/^\d{12}$/.test(def.accountId)) add('accountId', `"${def.accountId}" is not a 12-digit AWS account id`);
  if (!REGION.test(def.region)) add('region', `"${def.region}" is not an AWS region such as eu-west-1`);

  let cidrOk = true;
  try {
    const cidr = parseCidr(def.vpcCidr);
    if (cidr.prefix < 16 || cidr.prefix > 22) {
      cidrOk = false;
      add('vpcCidr', `/${cidr.prefix} is outside what AWS allows for a VPC with room for subnets; use /16 to /22`);
    }
  } catch (error) {
    cidrOk = false;
    add('vpcCidr', (error as Error).message);
  }

  const zones = def.availabilityZones;
  if (zones.length < 2) add('availabilityZones', `needs at least 2 zones for the load balancer and failover, got ${zones.length}`);
  if (zones.length > 6) add('availabilityZones', `at most 6 zones are supported, got ${zones.length}`);
  zones.forEach((zone, i) => {
    if (!zone.startsWith(def.region) || !/^[a-z]$/.test(zone.slice(def.region.length))) {
      add(`availabilityZones[${i}]`, `"${zone}" is not a zone of ${def.region} (such as ${def.region}a)`);
    }
  });
  if (new Set(zones).size !== zones.length) add('availabilityZones', 'lists a zone twice');
  if (cidrOk && zones.length >= 2 && zones.length <= 6) {
    try {
      planSubnets(def.vpcCidr, zones);
    } catch (error) {
      add('vpcCidr', (error as Error).message);
    }
  }

  if (!DNS_NAME.test(def.domain)) add('domain', `"${def.domain}" is not a lowercase DNS name such as stage.example.com`);
  if ('existingZoneId' in def.dnsZone && !/^Z[A-Z0-9]{4,31}$/.test(def.dnsZone.existingZoneId)) {
    add('dnsZone.existingZoneId', `"${def.dnsZone.existingZoneId}" is not a Route53 zone id such as Z0123456789ABCDEFGHIJ`);
  }
  if (!DNS_NAME.test(def.discoveryNamespace)) {
    add('discoveryNamespace', `"${def.discoveryNamespace}" is not a lowercase DNS name such as stage-main.example.internal`);
  }
  if (def.discoveryNamespace === def.domain) {
    add('discoveryNamespace', 'must differ from domain: the private namespace would shadow the public zone inside the VPC');
  }
  if (!LOG_RETENTION_DAYS.includes(def.logRetentionDays)) {
    add('logRetentionDays', `${def.logRetentionDays} is not a retention CloudWatch accepts (${LOG_RETENTION_DAYS.join(', ')})`);
  }
  if (def.flowLogRetentionDays !== undefined && !LOG_RETENTION_DAYS.includes(def.flowLogRetentionDays)) {
    add('flowLogRetentionDays', `${def.flowLogRetentionDays} is not a retention CloudWatch accepts`);
  }
  if (def.tier === 'prod') {
    if (def.logRetentionDays < 365) add('logRetentionDays', `prod keeps logs at least 365 days, got ${def.logRetentionDays}`);
    if (!def.loadBalancerDeletionProtection) add('loadBalancerDeletionProtection', 'must be true in prod');
  }

  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(def.state.bucket) || def.state.bucket.includes('..')) {
    add('state.bucket', `"${def.state.bucket}" is not a valid S3 bucket name (3-63 lowercase letters, digits, dots, dashes)`);
  }
  if (!REGION.test(def.state.region)) add('state.region', `"${def.state.region}" is not an AWS region`);
  const expiry = def.state.noncurrentVersionExpirationDays;
  if (expiry !== undefined && (!Number.isInteger(expiry) || expiry < 1)) {
    add('state.noncurrentVersionExpirationDays', `must be a whole number of days ≥ 1, got ${expiry}`);
  }
  if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d{1,5})?(\/[a-z0-9._-]+)*$/.test(def.registry)) {
    add('registry', `"${def.registry}" is not a registry host such as 123456789012.dkr.ecr.eu-west-1.amazonaws.com or ghcr.io/org`);
  }
  if (def.envTtlDays !== undefined && (!Number.isInteger(def.envTtlDays) || def.envTtlDays < 1)) {
    add('envTtlDays', `must be a whole number of days ≥ 1, got ${def.envTtlDays}`);
  }
  const m = def.monitoring ?? {};
  if (m.instanceType !== undefined && !/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(m.instanceType)) add('monitoring.instanceType', `"${m.instanceType}" is not an EC2 instance type such as t3.small`);
  if (m.dataVolumeGiB !== undefined && !(Number.isInteger(m.dataVolumeGiB) && m.dataVolumeGiB >= 8 && m.dataVolumeGiB <= 16384)) {
    add('monitoring.dataVolumeGiB', `must be a whole number of GiB from 8 to 16384, got ${m.dataVolumeGiB}`);
  }
  if (m.retentionDays !== undefined && !(Number.isInteger(m.retentionDays) && m.retentionDays >= 1)) add('monitoring.retentionDays', `must be a whole number of days ≥ 1, got ${m.retentionDays}`);
  for (const key of Object.keys(def.tags ?? {})) {
    if (key.startsWith('aws:')) add(`tags.${key}`, 'tag keys starting with "aws:" are reserved by AWS');
  }
  const shards = def.ingress?.shards;
  if (shards !== undefined && (!Number.isInteger(shards) || shards < 1 || shards > MAX_SHARDS)) {
    add('ingress.shards', `${shards} must be a whole number from 1 to ${MAX_SHARDS} (each shard is a load balancer for about 20 demo envs)`);
  }
  baseDatabaseProblems(def, add);
  baseSleepProblems(def, add);
  baseCiProblems(def, add);
  return problems;
}

/** Throws a DefinitionError listing every problem, or returns the definition unchanged. */
export function validateBase(def: BaseDefinition, source: string): BaseDefinition {
  const problems = baseProblems(def);
  if (problems.length > 0) throw new DefinitionError(source, problems);
  return def;
}
