import { BASE_OUTPUT_NAMES } from '../../src/contract/base-outputs';
import { Tier } from '../../src/definitions/base-definition';
import { loadBase } from '../../src/definitions/tiers';
import { runPolicyPack, formatViolations } from '../../src/policy/pack';
import { stackSpec } from '../../src/stacks/catalog';
import { parseCidr, overlaps, contains } from '../../modules/network/ipv4-cidr';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';
import { ResourceBody, resourcesOf, TerraformJson } from '../helpers/stack-json';

function synthBase(tier: Tier): TerraformJson {
  return readStackJson(synthToTemp([stackSpec('base', tier)])[0]);
}

const stacks: Record<Tier, TerraformJson> = { stage: synthBase('stage'), prod: synthBase('prod') };

/** `${aws_x.name.id}` → `name` when it references a resource of the type. */
function target(value: unknown, type: string): string | undefined {
  const match = new RegExp(`^\\$\\{${type}\\.([A-Za-z0-9_-]+)\\.`).exec(String(value));
  return match?.[1];
}

function subnetsByTier(json: TerraformJson, tier: 'public' | 'private'): [string, ResourceBody][] {
  return Object.entries(resourcesOf(json, 'aws_subnet')).filter(([, s]) => (s.tags as Record<string, string>).Tier === tier);
}

/** The route table a subnet is associated with, and that table's default route. */
function defaultRouteOf(json: TerraformJson, subnetName: string): ResourceBody {
  const association = Object.values(resourcesOf(json, 'aws_route_table_association')).find(
    (a) => target(a.subnet_id, 'aws_subnet') === subnetName,
  );
  const table = target(association?.route_table_id, 'aws_route_table');
  const route = Object.values(resourcesOf(json, 'aws_route')).find(
    (r) => target(r.route_table_id, 'aws_route_table') === table && r.destination_cidr_block === '0.0.0.0/0',
  );
  if (!route) throw new Error(`subnet ${subnetName} has no default route`);
  return route;
}

describe.each(['stage', 'prod'] as const)('the %s base stack', (tier) => {
  const json = stacks[tier];
  const def = loadBase(tier);

  it('spreads one public and one private subnet over every availability zone of the definition', () => {
    for (const kind of ['public', 'private'] as const) {
      const zones = subnetsByTier(json, kind).map(([, s]) => s.availability_zone);
      expect([...zones].sort()).toEqual([...def.availabilityZones].sort());
    }
    expect(def.availabilityZones.length).toBeGreaterThanOrEqual(2);
  });

  it('computes subnet CIDRs inside the VPC that never overlap', () => {
    const vpc = parseCidr(def.vpcCidr);
    const cidrs = Object.values(resourcesOf(json, 'aws_subnet')).map((s) => parseCidr(String(s.cidr_block)));
    for (const cidr of cidrs) expect(contains(vpc, cidr)).toBe(true);
    for (let i = 0; i < cidrs.length; i++) {
      for (let j = i + 1; j < cidrs.length; j++) expect(overlaps(cidrs[i], cidrs[j])).toBe(false);
    }
  });

  it('routes every private subnet to the internet through a NAT gateway in a public subnet', () => {
    const nats = resourcesOf(json, 'aws_nat_gateway');
    const publicNames = subnetsByTier(json, 'public').map(([name]) => name);
    for (const [name] of subnetsByTier(json, 'private')) {
      const nat = target(defaultRouteOf(json, name).nat_gateway_id, 'aws_nat_gateway');
      expect(nat).toBeDefined();
      expect(publicNames).toContain(target(nats[nat!].subnet_id, 'aws_subnet'));
    }
    for (const name of publicNames) expect(target(defaultRouteOf(json, name).gateway_id, 'aws_internet_gateway')).toBeDefined();
  });

  it('assigns no public IPs in any subnet', () => {
    for (const subnet of Object.values(resourcesOf(json, 'aws_subnet'))) expect(subnet.map_public_ip_on_launch).toBe(false);
  });

  it('redirects HTTP to HTTPS and serves HTTPS with a TLS 1.2+ policy, the validated certificate and a 404 default', () => {
    const listeners = Object.values(resourcesOf(json, 'aws_lb_listener'));
    const http = listeners.find((l) => l.protocol === 'HTTP')!;
    const https = listeners.find((l) => l.protocol === 'HTTPS')!;
    expect(http.default_action).toEqual([
      expect.objectContaining({ type: 'redirect', redirect: expect.objectContaining({ protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' }) }),
    ]);
    expect(https.ssl_policy).toMatch(/^ELBSecurityPolicy-TLS13-1-2/);
    expect(String(https.certificate_arn)).toMatch(/^\$\{aws_acm_certificate_validation\./);
    expect(https.default_action).toEqual([expect.objectContaining({ type: 'fixed-response', fixed_response: expect.objectContaining({ status_code: '404' }) })]);
  });

  it('opens the load balancer to the internet on 80 and 443 only, drops invalid headers, and points *.<domain> at it', () => {
    const lb = Object.values(resourcesOf(json, 'aws_lb'))[0];
    expect(lb.internal).toBe(false);
    expect(lb.drop_invalid_header_fields).toBe(true);
    expect(lb.enable_deletion_protection).toBe(tier === 'prod');
    const group = resourcesOf(json, 'aws_security_group')[target((lb.security_groups as string[])[0], 'aws_security_group')!];
    const ports = (group.ingress as ResourceBody[]).map((r) => [r.from_port, r.to_port, r.cidr_blocks]);
    expect(ports).toEqual(expect.arrayContaining([[443, 443, ['0.0.0.0/0']], [80, 80, ['0.0.0.0/0']]]));
    expect(ports).toHaveLength(2);
    const records = Object.values(resourcesOf(json, 'aws_route53_record')).map((r) => r.name);
    expect(records).toContain(`*.${def.domain}`);
  });

  it('covers the domain and its wildcard with a DNS-validated certificate', () => {
    const cert = Object.values(resourcesOf(json, 'aws_acm_certificate'))[0];
    expect(cert.domain_name).toBe(`*.${def.domain}`);
    expect(cert.subject_alternative_names).toEqual([def.domain]);
    expect(cert.validation_method).toBe('DNS');
  });

  it('runs ECS with Container Insights and both Fargate capacity providers', () => {
    const cluster = Object.values(resourcesOf(json, 'aws_ecs_cluster'))[0];
    expect(cluster.setting).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    const providers = Object.values(resourcesOf(json, 'aws_ecs_cluster_capacity_providers'))[0];
    expect(providers.capacity_providers).toEqual(['FARGATE', 'FARGATE_SPOT']);
  });

  it('creates the Cloud Map private DNS namespace named by the definition, in the VPC', () => {
    const ns = Object.values(resourcesOf(json, 'aws_service_discovery_private_dns_namespace'))[0];
    expect(ns.name).toBe(def.discoveryNamespace);
    expect(target(ns.vpc, 'aws_vpc')).toBeDefined();
  });

  it('keeps logs as long as the tier requires', () => {
    for (const group of Object.values(resourcesOf(json, 'aws_cloudwatch_log_group'))) {
      expect(group.retention_in_days).toBe(def.logRetentionDays);
    }
  });

  it('keeps its state in S3 under <tier>/base/<vpc>/ with S3-native locking', () => {
    expect(json.terraform?.backend?.s3).toEqual(
      expect.objectContaining({ bucket: def.state.bucket, key: `${tier}/base/${def.vpcName}/terraform.tfstate`, use_lockfile: true, encrypt: true }),
    );
  });

  it('publishes every output of the base contract, and nothing calls AWS at plan time', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([...BASE_OUTPUT_NAMES].sort());
    expect(json.data).toBeUndefined();
    expect(json.provider?.aws[0].allowed_account_ids).toEqual([def.accountId]);
  });

  it('gives resources readable Terraform addresses without hash suffixes', () => {
    const names = Object.values(json.resource ?? {}).flatMap((byName) => Object.keys(byName));
    expect(names).toContain('network_private_a');
    for (const name of names) expect(name).not.toMatch(/_[0-9A-F]{8}$/);
  });

  it('passes the policy pack with no undeclared violation', () => {
    const report = runPolicyPack(json, tier);
    expect(formatViolations(report)).toBe('');
    expect(report.checked).toBeGreaterThan(10);
  });
});

describe('stage and prod differ where they should', () => {
  const count = (json: TerraformJson, type: string) => Object.keys(json.resource?.[type] ?? {}).length;

  it('shares one NAT gateway in stage and has one per zone in prod, in the zone it serves', () => {
    expect(count(stacks.stage, 'aws_nat_gateway')).toBe(1);
    expect(count(stacks.prod, 'aws_nat_gateway')).toBe(loadBase('prod').availabilityZones.length);
    for (const [name, subnet] of subnetsByTier(stacks.prod, 'private')) {
      const nat = resourcesOf(stacks.prod, 'aws_nat_gateway')[target(defaultRouteOf(stacks.prod, name).nat_gateway_id, 'aws_nat_gateway')!];
      const natSubnet = resourcesOf(stacks.prod, 'aws_subnet')[target(nat.subnet_id, 'aws_subnet')!];
      expect(natSubnet.availability_zone).toBe(subnet.availability_zone);
    }
  });

  it('has interface endpoints for ECR and logs in prod only, and the S3 gateway endpoint in both', () => {
    const services = (json: TerraformJson) => Object.values(json.resource?.aws_vpc_endpoint ?? {}).map((e) => String(e.service_name).split('.').slice(3).join('.'));
    expect(services(stacks.stage)).toEqual(['s3']);
    expect(services(stacks.prod).sort()).toEqual(['ecr.api', 'ecr.dkr', 'logs', 's3']);
  });
});
