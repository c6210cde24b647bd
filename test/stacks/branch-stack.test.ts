import { Tier } from '../../src/definitions/base-definition';
import { formatViolations, runPolicyPack } from '../../src/policy/pack';
import { demoEnv } from '../helpers/demo-env';
import { ResourceBody, resourcesOf, TerraformJson } from '../helpers/stack-json';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';

function synthDemo(tier: Tier, options: { local?: boolean; branch?: string } = {}): { json: TerraformJson; env: ReturnType<typeof demoEnv> } {
  const env = demoEnv(tier, options);
  return { json: readStackJson(synthToTemp([env.spec])[0]), env };
}

const stacks = { stage: synthDemo('stage'), prod: synthDemo('prod') };
const LB_SG = '${data.terraform_remote_state.base_state.outputs.load_balancer_security_group_id}';

/** Sources allowed into a service's Envoy ingress port: `load balancer` or the calling service's name. */
function ingressSources(json: TerraformJson, service: string): string[] {
  const rules = Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule')).filter(
    (r) => r.security_group_id === `\${aws_security_group.${service}_network_security_group.id}`,
  );
  return rules
    .filter((r) => r.from_port === 15000)
    .map((r) => {
      expect(r.to_port).toBe(15000);
      expect(r.cidr_ipv4).toBeUndefined();
      if (r.referenced_security_group_id === LB_SG) return 'load balancer';
      const match = /^\$\{aws_security_group\.(.+)_network_security_group\.id\}$/.exec(String(r.referenced_security_group_id));
      return match ? match[1] : `unexpected ${String(r.referenced_security_group_id)}`;
    })
    .sort();
}

function containers(json: TerraformJson, service: string): Record<string, unknown>[] {
  return JSON.parse(String(resourcesOf(json, 'aws_ecs_task_definition')[`${service}_task`].container_definitions)) as Record<string, unknown>[];
}

describe('security groups of the demo env', () => {
  const { json } = stacks.stage;

  it('admit to Envoy exactly the load balancer for public services and the services that call them', () => {
    expect(ingressSources(json, 'web')).toEqual(['load balancer']);
    expect(ingressSources(json, 'api')).toEqual(['load balancer', 'web']);
    expect(ingressSources(json, 'worker')).toEqual(['api', 'web']);
  });

  it('open only Envoy ingress and the metrics port (from the VPC), nothing else', () => {
    for (const rule of Object.values(resourcesOf(json, 'aws_vpc_security_group_ingress_rule'))) {
      if (rule.from_port === 9902) expect(rule.cidr_ipv4).toBe('${data.terraform_remote_state.base_state.outputs.vpc_cidr}');
      else expect(rule.from_port).toBe(15000);
    }
  });
});

describe.each(['stage', 'prod'] as const)('the %s demo env', (tier) => {
  const { json, env } = stacks[tier];
  const services = () => Object.values(resourcesOf(json, 'aws_ecs_service'));

  it('keeps its state under <tier>/services/<set>/<env>/ with S3-native locking', () => {
    expect(json.terraform?.backend?.s3).toEqual(
      expect.objectContaining({ key: `${tier}/services/demo/${env.identity.name}/terraform.tfstate`, use_lockfile: true }),
    );
  });

  it('reads the base only through its remote state, never hard-coded', () => {
    expect(Object.keys(json.data?.terraform_remote_state ?? {})).toEqual(['base_state']);
    expect(json.data?.terraform_remote_state.base_state.config).toEqual(
      expect.objectContaining({ key: `${tier}/base/${env.base.vpcName}/terraform.tfstate` }),
    );
    expect(json.data?.terraform_remote_state.base_state.defaults).toBeUndefined();
    for (const s of services()) {
      expect(s.cluster).toBe('${data.terraform_remote_state.base_state.outputs.cluster_arn}');
      expect((s.network_configuration as ResourceBody).subnets).toBe('${data.terraform_remote_state.base_state.outputs.private_subnet_ids}');
    }
  });

  it('runs every service privately, registered in Cloud Map, with circuit breaker, rollback and force_delete', () => {
    for (const s of services()) {
      expect((s.network_configuration as ResourceBody).assign_public_ip).toBe(false);
      expect(s.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
      expect(s.deployment_minimum_healthy_percent).toBe(100);
      expect(s.force_delete).toBe(true);
      expect(String((s.service_registries as ResourceBody).registry_arn)).toMatch(/^\$\{aws_service_discovery_service\./);
      expect(s.capacity_provider_strategy).toEqual([expect.objectContaining({ capacity_provider: tier === 'stage' ? 'FARGATE_SPOT' : 'FARGATE' })]);
      expect(s.enable_execute_command).toBe(tier === 'stage');
    }
    for (const d of Object.values(resourcesOf(json, 'aws_service_discovery_service'))) expect(d.force_destroy).toBe(true);
  });

  it('gives Cloud Map services env-unique names', () => {
    const names = Object.values(resourcesOf(json, 'aws_service_discovery_service')).map((d) => d.name).sort();
    expect(names).toEqual(['api', 'web', 'worker'].map((s) => `${s}.demo-${env.identity.name}`));
  });

  it('routes the env host and per-service hosts on the shared listener, without fixed priorities', () => {
    const all = Object.entries(resourcesOf(json, 'aws_lb_listener_rule'));
    for (const [, r] of all) {
      expect(r.priority).toBeUndefined();
      expect(r.listener_arn).toBe('${data.terraform_remote_state.base_state.outputs.https_listener_arn}');
    }
    // The asleep rule (test/stacks/sleep-schedule.test.ts) answers for every host; these forward.
    const rules = all.filter(([name]) => name.startsWith('routes_')).map(([, r]) => r);
    const hosts = rules.map((r) => ((r.condition as ResourceBody[])[0].host_header as { values: string[] }).values[0]).sort();
    const d = env.base.domain;
    const key = `demo-${env.identity.name}`;
    expect(hosts).toEqual([`${key}.${d}`, `${key}.${d}`, `api--${key}.${d}`, `web--${key}.${d}`].sort());
  });

  it('ranks the env host`s catch-all after its path rules, even when they change', () => {
    const catchAll = resourcesOf(json, 'aws_lb_listener_rule').routes_web_env_host;
    expect(catchAll.depends_on).toEqual(['aws_lb_listener_rule.routes_api_env_host_api']);
    expect(catchAll.lifecycle).toEqual({ ignore_changes: ['priority'], replace_triggered_by: ['aws_lb_listener_rule.routes_api_env_host_api'] });
  });

  it('drains targets quickly in stage and gently in prod', () => {
    for (const tg of Object.values(resourcesOf(json, 'aws_lb_target_group'))) {
      expect(tg.deregistration_delay).toBe(tier === 'stage' ? '5' : '30');
      expect(tg.target_type).toBe('ip');
      expect(String(tg.name).length).toBeLessThanOrEqual(32);
    }
  });

  it('gives each service its own execution role and task role', () => {
    for (const task of Object.values(resourcesOf(json, 'aws_ecs_task_definition'))) {
      expect(task.execution_role_arn).not.toBe(task.task_role_arn);
    }
    // Besides these, a stage env has the sleep schedule's role (test/stacks/sleep-schedule.test.ts).
    expect(Object.keys(resourcesOf(json, 'aws_iam_role')).filter((name) => name.includes('_roles_'))).toHaveLength(6);
  });

  it('lets a service read only its own secrets, write only its own log streams, and use only the backends it declares', () => {
    const policy = (name: string) => JSON.parse(String(resourcesOf(json, 'aws_iam_role_policy')[name].policy)) as { Statement: { Sid: string; Resource: unknown }[] };
    const sids = (name: string) => policy(name).Statement.map((s) => s.Sid);
    expect(sids('web_roles_execution_policy')).toEqual(['WriteOwnLogStreams', 'EcrToken', 'PullOwnImages']);
    const secretPattern = (name: string) => `arn:aws:secretsmanager:${env.base.region}:${env.base.accountId}:secret:${name}-??????`;
    expect(policy('api_roles_execution_policy').Statement.find((s) => s.Sid === 'ReadOwnSecrets')!.Resource).toEqual([
      secretPattern(`demo/${tier}/payment`),
      ...(tier === 'stage' ? [secretPattern(`branchenv/stage/demo/${env.name}/secrets/session-signing-key`)] : []),
      secretPattern(`branchenv/${tier}/demo/${env.name}/database`),
    ]);
    expect(policy('web_roles_execution_policy').Statement[0].Resource).toEqual(['${aws_cloudwatch_log_group.logs.arn}:log-stream:web/*']);
    const exec = ['EcsExecChannels', 'EcsExecSessionLogs', 'EcsExecDescribeLogGroups'];
    expect(sids('api_roles_task_policy')).toEqual(tier === 'stage' ? ['UseEnvTable', ...exec] : ['UseEnvTable']);
    expect(sids('worker_roles_task_policy')).toEqual(
      tier === 'stage' ? ['ListEnvBucket', 'UseEnvBucketObjects', 'UseEnvTable', ...exec] : ['ListEnvBucket', 'UseEnvBucketObjects', 'UseEnvTable'],
    );
  });

  it(`lets the task role write ECS Exec session logs to /ecs/<vpc>/exec ${tier === 'stage' ? 'in stage' : 'nowhere in prod'}`, () => {
    const groupArn = `arn:aws:logs:${env.base.region}:${env.base.accountId}:log-group:/ecs/${env.base.vpcName}/exec`;
    type Stmt = { Sid: string; Action: string[]; Resource: unknown };
    const policies = Object.entries(resourcesOf(json, 'aws_iam_role_policy')).filter(([name]) => name.endsWith('_roles_task_policy'));
    const statements = policies.flatMap(([, p]) => (JSON.parse(String(p.policy)) as { Statement: Stmt[] }).Statement);
    const logs = statements.filter((s) => s.Action.some((a) => a.startsWith('logs:')));
    if (tier === 'prod') {
      expect(logs).toEqual([]);
      return;
    }
    const taskRoles = Object.keys(resourcesOf(json, 'aws_iam_role')).filter((name) => name.endsWith('_task_role'));
    expect(policies).toHaveLength(taskRoles.length);
    for (const [, p] of policies) {
      const own = (JSON.parse(String(p.policy)) as { Statement: Stmt[] }).Statement;
      expect(own.find((s) => s.Sid === 'EcsExecSessionLogs')).toEqual({
        Sid: 'EcsExecSessionLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Resource: [groupArn, `${groupArn}:log-stream:*`],
      });
      expect(own.find((s) => s.Sid === 'EcsExecDescribeLogGroups')).toEqual({
        Sid: 'EcsExecDescribeLogGroups',
        Effect: 'Allow',
        Action: ['logs:DescribeLogGroups'],
        Resource: '*',
      });
    }
  });

  it('injects secrets with valueFrom and backend names as environment, never secrets as plain values', () => {
    const api = containers(json, 'api').find((c) => c.name === 'api')!;
    const secretArn = (name: string) => `arn:aws:secretsmanager:${env.base.region}:${env.base.accountId}:secret:${name}`;
    expect(api.secrets).toEqual([
      { name: 'PAYMENT_API_KEY', valueFrom: `${secretArn(`demo/${tier}/payment`)}:api-key::` },
      ...(tier === 'stage' ? [{ name: 'SESSION_SIGNING_KEY', valueFrom: secretArn(`branchenv/stage/demo/${env.name}/secrets/session-signing-key`) }] : []),
      { name: 'PGPASSWORD', valueFrom: `${secretArn(`branchenv/${tier}/demo/${env.name}/database`)}:password::` },
    ]);
    expect((api.environment as { name: string }[]).map((e) => e.name)).toContain('BRANCHENV_TABLE');
    expect((api.environment as { name: string }[]).map((e) => e.name)).not.toContain('BRANCHENV_BUCKET');
  });

  it('runs the app, an Envoy sidecar from the upstream image, and every extra container', () => {
    expect(containers(json, 'worker').map((c) => c.name)).toEqual(['worker', 'envoy', 'log-router', 'cache']);
    const envoy = containers(json, 'web').find((c) => c.name === 'envoy')!;
    expect(String(envoy.image)).toMatch(/^envoyproxy\/envoy:v1\./);
    expect((envoy.command as string[])[0]).toBe('--config-yaml');
    expect(envoy.readonlyRootFilesystem).toBe(true);
  });

  it('sends traffic to the app only when Envoy and the app are both up', () => {
    const [web, webEnvoy] = containers(json, 'web');
    // A path health check runs through Envoy's ingress to the app: Envoy is healthy only when both are.
    expect(((webEnvoy.healthCheck as { command: string[] }).command).join(' ')).toContain('/dev/tcp/127.0.0.1/15000');
    expect(((webEnvoy.healthCheck as { command: string[] }).command).join(' ')).toContain('GET /healthz');
    expect(web.dependsOn).toEqual([{ containerName: 'envoy', condition: 'START' }]);
    // A command health check runs in the app, which starts once Envoy is ready.
    const [worker, workerEnvoy] = containers(json, 'worker');
    expect((worker.healthCheck as { command: string[] }).command).toEqual(['CMD', '/app/worker', 'health']);
    expect(worker.dependsOn).toEqual([{ containerName: 'envoy', condition: 'HEALTHY' }]);
    expect(((workerEnvoy.healthCheck as { command: string[] }).command).join(' ')).toContain('GET /ready');
  });

  it('declares, beside the task, why a container needs a writable root filesystem', () => {
    const worker = resourcesOf(json, 'aws_ecs_task_definition').worker_task;
    expect((worker['//'] as { policy_exceptions: Record<string, string> }).policy_exceptions.CKV_AWS_336).toMatch(/^cache: redis writes/);
  });

  it('scales api on CPU and leaves its desired count to the scaler', () => {
    const target = resourcesOf(json, 'aws_appautoscaling_target').api_scaling_target;
    expect(target.resource_id).toBe(`service/\${data.terraform_remote_state.base_state.outputs.cluster_name}/\${aws_ecs_service.api_service.name}`);
    expect(resourcesOf(json, 'aws_ecs_service').api_service.lifecycle).toEqual({ ignore_changes: ['desired_count'] });
  });

  it('tags every resource with tier, set, env, branch, commit, creator and expiry', () => {
    expect(json.provider?.aws[0].default_tags).toEqual([
      {
        tags: expect.objectContaining({
          tier,
          set: 'demo',
          env: env.identity.name,
          branch: 'feature/Login-Form',
          commit: 'abc1234',
          'created-by': 'jest',
          expiry: tier === 'stage' ? '2026-11-29' : '2026-12-22',
        }),
      },
    ]);
  });

  it('passes the policy pack with no undeclared violation', () => {
    const report = runPolicyPack(json, tier);
    expect(formatViolations(report)).toBe('');
    expect(report.excepted.map((e) => [e.ruleId, e.address])).toEqual([['CKV_AWS_336', 'aws_ecs_task_definition.worker_task']]);
  });
});

describe('two envs side by side', () => {
  it('share no AWS name, host or discovery name', () => {
    // AWS-visible names; inline role policy names are scoped to their (env-unique) role.
    const names = (json: TerraformJson) =>
      Object.entries(json.resource ?? {})
        .filter(([type]) => type !== 'aws_iam_role_policy')
        .flatMap(([, byName]) =>
          Object.values(byName).flatMap((r) => [r.name, r.family, r.bucket, ...(((r.condition as ResourceBody[] | undefined)?.[0]?.host_header as { values?: string[] })?.values ?? [])]),
        )
        .filter((n): n is string => typeof n === 'string' && !n.includes('${'));
    const a = new Set(names(synthDemo('stage', { branch: 'a/b' }).json));
    const b = names(synthDemo('stage', { branch: 'a-b' }).json);
    expect(a.size).toBeGreaterThan(20);
    expect(b.filter((n) => a.has(n))).toEqual([]);
  });
});

describe('local mode', () => {
  const { json } = synthDemo('stage', { local: true });

  it('reads the base from defaults and keeps state and provider off AWS', () => {
    const remote = json.data?.terraform_remote_state.base_state as ResourceBody;
    expect(remote.backend).toBe('local');
    expect((remote.defaults as ResourceBody).vpc_id).toMatch(/^vpc-/);
    expect(Object.keys(json.terraform?.backend ?? {})).toEqual(['local']);
    expect(json.provider?.aws[0]).toEqual(expect.objectContaining({ skip_credentials_validation: true, skip_requesting_account_id: true }));
    expect(json.provider?.aws[0].allowed_account_ids).toBeUndefined();
  });
});

describe('an env whose AWS names are too long as read', () => {
  const json = readStackJson(synthToTemp([demoEnv('stage', { renameSetTo: 'storefront' }).spec])[0]);

  it('gets shortened target group names within 32 characters, distinct per service, with the readable name in the Name tag', () => {
    const groups = Object.values(resourcesOf(json, 'aws_lb_target_group'));
    expect(groups.length).toBeGreaterThan(1);
    for (const group of groups) {
      expect(String(group.name).length).toBeLessThanOrEqual(32);
      expect((group.tags as Record<string, string>).Name).toMatch(/^storefront-feature-login-28bb00--[a-z]+$/);
    }
    expect(new Set(groups.map((g) => g.name)).size).toBe(groups.length);
  });

  it('keeps names that fit unchanged (ECS services, security groups)', () => {
    const services = Object.values(resourcesOf(json, 'aws_ecs_service')).map((s) => s.name);
    expect(services.sort()).toEqual(['storefront-feature-login-28bb00--api', 'storefront-feature-login-28bb00--web', 'storefront-feature-login-28bb00--worker']);
  });
});
