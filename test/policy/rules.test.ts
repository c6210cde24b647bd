import { PolicyRule } from '../../src/policy/rule';
import { ALL_RULES } from '../../src/policy/rules';
import { TerraformJson } from '../../src/synth/terraform-json';
import { Tier } from '../../src/definitions/base-definition';

type Resources = NonNullable<TerraformJson['resource']>;

interface RuleCase {
  readonly tier?: Tier;
  readonly compliant: Resources;
  readonly nonCompliant: Resources;
}

const vpc = { aws_vpc: { main: { cidr_block: '10.0.0.0/16' } } };
const bucket = { aws_s3_bucket: { state: { bucket: 'b' } } };
const ref = (address: string) => `\${${address}.id}`;
const policy = (action: unknown, effect = 'Allow') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: action, Resource: 'arn:aws:s3:::b/*' }] });
const task = (containers: object[]) => ({ aws_ecs_task_definition: { t: { container_definitions: JSON.stringify(containers) } } });
const listener = (body: Record<string, unknown>) => ({ aws_lb_listener: { l: body } });
const publicLb = { aws_lb: { lb: { internal: false, security_groups: [ref('aws_security_group.alb')] } } };
const sg = (ingress: object[]) => ({ aws_security_group: { alb: { description: 'alb', ingress, egress: [] } } });
/** An Aurora PostgreSQL cluster as the base stack builds it, with `extra` over it. */
const cluster = (extra: Record<string, unknown> = {}) => ({
  aws_rds_cluster: {
    db: {
      engine: 'aurora-postgresql',
      engine_mode: 'provisioned',
      serverlessv2_scaling_configuration: { min_capacity: 0.5, max_capacity: 16 },
      storage_encrypted: true,
      kms_key_id: '${aws_kms_key.db.arn}',
      master_username: 'branchenv_admin',
      manage_master_user_password: true,
      iam_database_authentication_enabled: true,
      backup_retention_period: 14,
      deletion_protection: true,
      copy_tags_to_snapshot: true,
      enabled_cloudwatch_logs_exports: ['postgresql'],
      ...extra,
    },
  },
});
const clusterInstance = (extra: Record<string, unknown> = {}) => ({
  aws_rds_cluster_instance: { i: { cluster_identifier: '${aws_rds_cluster.db.id}', instance_class: 'db.serverless', ...extra } },
});
const lambda = (extra: Record<string, unknown> = {}) => ({
  aws_lambda_function: { f: { role: '${aws_iam_role.f.arn}', filename: 'f.zip', environment: { variables: { A: 'b' } }, ...extra } },
});
const world = (port: number) => ({ description: 'web', from_port: port, to_port: port, protocol: 'tcp', cidr_blocks: ['0.0.0.0/0'] });

/** A compliant and a non-compliant stack for every rule of the pack, by rule id. */
const CASES: Record<string, RuleCase> = {
  CKV_AWS_79: {
    compliant: { aws_launch_template: { lt: { metadata_options: { http_tokens: 'required' } } } },
    nonCompliant: { aws_launch_template: { lt: { metadata_options: { http_tokens: 'optional' } } } },
  },
  CKV_AWS_130: {
    compliant: { aws_subnet: { a: { map_public_ip_on_launch: false } } },
    nonCompliant: { aws_subnet: { a: { map_public_ip_on_launch: true } } },
  },
  CKV2_AWS_11: {
    compliant: { ...vpc, aws_flow_log: { f: { vpc_id: ref('aws_vpc.main') } } },
    nonCompliant: { ...vpc },
  },
  CKV2_AWS_12: {
    compliant: { ...vpc, aws_default_security_group: { d: { vpc_id: ref('aws_vpc.main'), ingress: [], egress: [] } } },
    nonCompliant: {
      ...vpc,
      aws_default_security_group: { d: { vpc_id: ref('aws_vpc.main'), ingress: [{ from_port: 0, to_port: 0, protocol: '-1', self: true }] } },
    },
  },
  CKV_AWS_23: {
    compliant: { aws_security_group: { s: { description: 'x', ingress: [{ description: 'y', from_port: 1, to_port: 1 }] } } },
    nonCompliant: { aws_security_group: { s: { description: 'x', ingress: [{ from_port: 1, to_port: 1 }] } } },
  },
  CKV_AWS_260: {
    compliant: { ...publicLb, ...sg([world(443), world(80)]) },
    nonCompliant: { ...publicLb, ...sg([world(22)]) },
  },
  CKV_AWS_131: {
    compliant: { aws_lb: { lb: { drop_invalid_header_fields: true } } },
    nonCompliant: { aws_lb: { lb: { load_balancer_type: 'application' } } },
  },
  CKV_AWS_103: {
    compliant: listener({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }),
    nonCompliant: listener({ protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-2016-08' }),
  },
  CKV2_AWS_20: {
    compliant: listener({ protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443' } }] }),
    nonCompliant: listener({ protocol: 'HTTP', default_action: [{ type: 'forward', target_group_arn: 'x' }] }),
  },
  CKV_AWS_21: {
    compliant: {
      ...bucket,
      aws_s3_bucket_versioning: { v: { bucket: ref('aws_s3_bucket.state'), versioning_configuration: { status: 'Enabled' } } },
    },
    nonCompliant: {
      ...bucket,
      aws_s3_bucket_versioning: { v: { bucket: ref('aws_s3_bucket.state'), versioning_configuration: { status: 'Suspended' } } },
    },
  },
  CKV_AWS_19: {
    compliant: {
      ...bucket,
      aws_s3_bucket_server_side_encryption_configuration: {
        e: { bucket: ref('aws_s3_bucket.state'), rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } }] },
      },
    },
    nonCompliant: { ...bucket },
  },
  CKV2_AWS_6: {
    compliant: {
      ...bucket,
      aws_s3_bucket_public_access_block: {
        p: { bucket: ref('aws_s3_bucket.state'), block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
      },
    },
    nonCompliant: {
      ...bucket,
      aws_s3_bucket_public_access_block: {
        p: { bucket: ref('aws_s3_bucket.state'), block_public_acls: true, block_public_policy: false, ignore_public_acls: true, restrict_public_buckets: true },
      },
    },
  },
  CKV_AWS_338: {
    tier: 'prod',
    compliant: { aws_cloudwatch_log_group: { g: { retention_in_days: 365 } } },
    nonCompliant: { aws_cloudwatch_log_group: { g: { retention_in_days: 30 } } },
  },
  CKV_AWS_65: {
    compliant: { aws_ecs_cluster: { c: { setting: [{ name: 'containerInsights', value: 'enabled' }] } } },
    nonCompliant: { aws_ecs_cluster: { c: { setting: [{ name: 'containerInsights', value: 'disabled' }] } } },
  },
  CKV_AWS_63: {
    compliant: { aws_iam_role_policy: { p: { policy: policy(['s3:GetObject', 's3:PutObject']) } } },
    nonCompliant: { aws_iam_role_policy: { p: { policy: policy('s3:*') } } },
  },
  CKV_AWS_333: {
    compliant: { aws_ecs_service: { s: { network_configuration: { assign_public_ip: false } } } },
    nonCompliant: { aws_ecs_service: { s: { network_configuration: { assign_public_ip: true } } } },
  },
  CKV_AWS_334: {
    compliant: task([{ name: 'app', privileged: false, readonlyRootFilesystem: true }]),
    nonCompliant: task([{ name: 'app', privileged: true, readonlyRootFilesystem: true }]),
  },
  CKV_AWS_336: {
    compliant: task([{ name: 'app', readonlyRootFilesystem: true }]),
    nonCompliant: task([{ name: 'app', readonlyRootFilesystem: false }]),
  },
  CKV_AWS_249: {
    compliant: { aws_ecs_task_definition: { t: { execution_role_arn: '${aws_iam_role.exec.arn}', task_role_arn: '${aws_iam_role.task.arn}' } } },
    nonCompliant: { aws_ecs_task_definition: { t: { execution_role_arn: '${aws_iam_role.one.arn}', task_role_arn: '${aws_iam_role.one.arn}' } } },
  },
  CKV_AWS_96: {
    compliant: cluster(),
    nonCompliant: cluster({ storage_encrypted: false }),
  },
  CKV_AWS_162: {
    compliant: cluster({ iam_database_authentication_enabled: false }),
    nonCompliant: cluster({ manage_master_user_password: undefined, master_password: 'hunter2hunter2' }),
  },
  CKV_AWS_133: {
    tier: 'prod',
    compliant: cluster({ backup_retention_period: 7 }),
    nonCompliant: cluster({ backup_retention_period: 1 }),
  },
  CKV_AWS_139: {
    tier: 'prod',
    compliant: cluster({ deletion_protection: true }),
    nonCompliant: cluster({ deletion_protection: false }),
  },
  CKV_AWS_17: {
    compliant: clusterInstance({ publicly_accessible: false }),
    nonCompliant: clusterInstance({ publicly_accessible: true }),
  },
  CKV_AWS_324: {
    compliant: cluster(),
    nonCompliant: cluster({ enabled_cloudwatch_logs_exports: [] }),
  },
  CKV_AWS_117: {
    compliant: lambda({ vpc_config: [{ subnet_ids: ['${aws_subnet.a.id}'], security_group_ids: ['${aws_security_group.f.id}'] }] }),
    nonCompliant: lambda(),
  },
  BRANCHENV_1: {
    compliant: task([{ name: 'app', environment: [{ name: 'LOG_LEVEL', value: 'info' }], secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:x' }] }]),
    nonCompliant: task([{ name: 'app', environment: [{ name: 'DB_PASSWORD', value: 'hunter2' }] }]),
  },
};

const run = (rule: PolicyRule, resources: Resources, tier: Tier = 'stage') => rule.check({ json: { resource: resources }, tier });

describe.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('policy rule %s', (id, rule) => {
  const cases = CASES[id];

  it('has a compliant and a non-compliant case', () => {
    expect(cases).toBeDefined();
  });

  it('finds the compliant case compliant', () => {
    const results = run(rule, cases.compliant, cases.tier);
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.status === 'non_compliant')).toEqual([]);
  });

  it('finds the non-compliant case non-compliant, saying what to change', () => {
    const failures = run(rule, cases.nonCompliant, cases.tier).filter((r) => r.status === 'non_compliant');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].message.length).toBeGreaterThan(10);
  });
});

describe('rules with more than one way to fail', () => {
  const byId = (id: string) => ALL_RULES.find((r) => r.id === id)!;

  it('lets 80 and 443 from the internet reach only a public load balancer', () => {
    const internalLb = { aws_lb: { lb: { internal: true, security_groups: [ref('aws_security_group.alb')] } } };
    expect(run(byId('CKV_AWS_260'), { ...internalLb, ...sg([world(443)]) })[0].status).toBe('non_compliant');
    expect(run(byId('CKV_AWS_260'), { ...sg([world(443)]) })[0].status).toBe('non_compliant');
  });

  it('checks standalone ingress rule resources too', () => {
    const rule = { aws_vpc_security_group_ingress_rule: { r: { security_group_id: ref('aws_security_group.x'), from_port: 3389, to_port: 3389, ip_protocol: 'tcp', cidr_ipv4: '0.0.0.0/0' } } };
    expect(run(byId('CKV_AWS_260'), rule)[0].status).toBe('non_compliant');
  });

  it('allows shorter log retention in stage but never unlimited retention', () => {
    expect(run(byId('CKV_AWS_338'), { aws_cloudwatch_log_group: { g: { retention_in_days: 30 } } }, 'stage')[0].status).toBe('compliant');
    expect(run(byId('CKV_AWS_338'), { aws_cloudwatch_log_group: { g: {} } }, 'stage')[0].status).toBe('non_compliant');
  });

  it('rejects a bare * action and NotAction, but not a Deny on s3:*', () => {
    expect(run(byId('CKV_AWS_63'), { aws_iam_policy: { p: { policy: policy('*') } } })[0].status).toBe('non_compliant');
    expect(run(byId('CKV_AWS_63'), { aws_iam_policy: { p: { policy: policy('s3:*', 'Deny') } } })[0].status).toBe('compliant');
    const notAction = JSON.stringify({ Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] });
    expect(run(byId('CKV_AWS_63'), { aws_iam_policy: { p: { policy: notAction } } })[0].status).toBe('non_compliant');
  });

  it('treats a listener without an ssl_policy as the provider default, which allows TLS 1.0', () => {
    expect(run(byId('CKV_AWS_103'), listener({ protocol: 'HTTPS' }))[0].status).toBe('non_compliant');
  });

  it('never accepts a master_password, even beside an RDS-managed password or IAM authentication', () => {
    const [result] = run(byId('CKV_AWS_162'), cluster({ manage_master_user_password: undefined, master_password: 'x'.repeat(16) }));
    expect(result.status).toBe('non_compliant');
    expect(result.message).toMatch(/manage_master_user_password/);
    expect(run(byId('CKV_AWS_162'), cluster({ manage_master_user_password: false, iam_database_authentication_enabled: false }))[0].status).toBe(
      'non_compliant',
    );
    expect(run(byId('CKV_AWS_162'), cluster({ manage_master_user_password: false }))[0].status).toBe('compliant');
  });

  it('needs a day of backups in stage and a week in prod, saying the value found', () => {
    expect(run(byId('CKV_AWS_133'), cluster({ backup_retention_period: 1 }), 'stage')[0].status).toBe('compliant');
    expect(run(byId('CKV_AWS_133'), cluster({ backup_retention_period: 0 }), 'stage')[0].status).toBe('non_compliant');
    expect(run(byId('CKV_AWS_133'), cluster({ backup_retention_period: undefined }), 'stage')[0].status).toBe('non_compliant');
    expect(run(byId('CKV_AWS_133'), cluster({ backup_retention_period: 3 }), 'prod')[0].message).toBe(
      'backup_retention_period is 3; prod needs at least 7',
    );
    expect(run(byId('CKV_AWS_133'), { aws_db_instance: { d: { backup_retention_period: 0 } } })[0].status).toBe('non_compliant');
    expect(run(byId('CKV_AWS_133'), { aws_db_instance: { r: { replicate_source_db: '${aws_db_instance.d.identifier}' } } })).toEqual([]);
  });

  it('lets stage clusters go without deletion protection, and says so', () => {
    const [result] = run(byId('CKV_AWS_139'), cluster({ deletion_protection: false }), 'stage');
    expect(result.status).toBe('compliant');
    expect(result.message).toMatch(/^stage/);
    expect(run(byId('CKV_AWS_139'), cluster({ deletion_protection: undefined }), 'prod')[0].status).toBe('non_compliant');
  });

  it('checks DB instances as well as cluster instances, and takes an absent publicly_accessible as private', () => {
    expect(run(byId('CKV_AWS_17'), { aws_db_instance: { d: { publicly_accessible: true } } })[0].status).toBe('non_compliant');
    expect(run(byId('CKV_AWS_17'), clusterInstance())[0].status).toBe('compliant');
  });

  it('takes vpc_config as an object or a list of one, and needs both subnets and security groups', () => {
    const ok = { subnet_ids: ['${aws_subnet.a.id}', '${aws_subnet.b.id}'], security_group_ids: ['${aws_security_group.f.id}'] };
    expect(run(byId('CKV_AWS_117'), lambda({ vpc_config: ok }))[0].status).toBe('compliant');
    const [noGroups] = run(byId('CKV_AWS_117'), lambda({ vpc_config: { ...ok, security_group_ids: [] } }));
    expect(noGroups.status).toBe('non_compliant');
    expect(noGroups.message).toMatch(/security_group_ids/);
  });

  it('suggests the log type of the cluster engine', () => {
    expect(run(byId('CKV_AWS_324'), cluster({ enabled_cloudwatch_logs_exports: undefined }))[0].message).toMatch(/"postgresql"/);
  });

  it('passes the Aurora cluster and its instance as the base stack builds them, in both tiers', () => {
    const stack = { ...cluster(), ...clusterInstance({ publicly_accessible: false }) };
    for (const tier of ['stage', 'prod'] as const) {
      const failures = ALL_RULES.flatMap((rule) => run(rule, stack, tier)).filter((r) => r.status === 'non_compliant');
      expect(failures).toEqual([]);
    }
  });
});
