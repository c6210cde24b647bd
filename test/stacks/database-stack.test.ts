import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { BaseDefinition, Tier } from '../../src/definitions/base-definition';
import { loadBase } from '../../src/definitions/tiers';
import { baseStackId } from '../../src/names/stack-ids';
import { BaseStack } from '../../src/stacks/base-stack';
import { StackSpec, stackSpec } from '../../src/stacks/catalog';
import { SynthesizedStack } from '../../src/synth/synthesize';
import { demoEnv } from '../helpers/demo-env';
import { ResourceBody, resourcesOf, TerraformJson } from '../helpers/stack-json';
import { readStackJson, synthToTemp } from '../helpers/terraform-harness';

const TIERS = ['stage', 'prod'] as const;
const BASE = (output: string) => `\${data.terraform_remote_state.base_state.outputs.${output}}`;
const PROVISIONING = 'aws_lambda_invocation.db_provisioning';
const MIGRATION = 'aws_lambda_invocation.api_migrate_run';
/** Demo services that declare `uses: ['database']`, and the one that does not. */
const DB_USERS = ['api', 'worker'];
const NON_USER = 'web';

interface Synthesized {
  readonly stack: SynthesizedStack;
  readonly json: TerraformJson;
}

function synth(spec: StackSpec): Synthesized {
  const [stack] = synthToTemp([spec]);
  return { stack, json: readStackJson(stack) };
}

const bases: Record<Tier, Synthesized> = { stage: synth(stackSpec('base', 'stage')), prod: synth(stackSpec('base', 'prod')) };
function synthDemo(tier: Tier): Synthesized & { name: string } {
  const env = demoEnv(tier);
  return { ...synth(env.spec), name: env.identity.name };
}
const envs = { stage: synthDemo('stage'), prod: synthDemo('prod') };

/** The single resource of a type: [name, body]. */
function single(json: TerraformJson, type: string): [string, ResourceBody] {
  const entries = Object.entries(resourcesOf(json, type));
  expect(entries).toHaveLength(1);
  return entries[0];
}

/** Every key anywhere in a JSON value. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]);
  return [];
}

interface Statement {
  Sid: string;
  Action: string[];
  Resource: string[] | string;
  Condition?: Record<string, Record<string, string>>;
}

function policyStatements(json: TerraformJson, policyName: string): Statement[] {
  return (JSON.parse(String(resourcesOf(json, 'aws_iam_role_policy')[policyName].policy)) as { Statement: Statement[] }).Statement;
}

/** The base's function whose name ends with the suffix: [resource name, body]. */
function functionNamed(json: TerraformJson, suffix: string): [string, ResourceBody] {
  const found = Object.entries(resourcesOf(json, 'aws_lambda_function')).filter(([, f]) => String(f.function_name).endsWith(suffix));
  expect(found).toHaveLength(1);
  return found[0];
}

/** `${aws_iam_role.X.arn}` → the inline policy resource of role X. */
function policyOfRole(json: TerraformJson, roleRef: unknown): string {
  const role = /^\$\{aws_iam_role\.([A-Za-z0-9_]+)\.arn\}$/.exec(String(roleRef))?.[1];
  const entry = Object.entries(resourcesOf(json, 'aws_iam_role_policy')).find(([, p]) => p.role === `\${aws_iam_role.${role}.id}`);
  if (!entry) throw new Error(`no inline policy on role ${String(roleRef)}`);
  return entry[0];
}

describe.each(TIERS)('the database of the %s base', (tier) => {
  const { json, stack } = bases[tier];
  const def = loadBase(tier);
  const [clusterName, cluster] = single(json, 'aws_rds_cluster');
  const clusterRef = (attribute: string) => `\${aws_rds_cluster.${clusterName}.${attribute}}`;
  const dbGroupRef = (cluster.vpc_security_group_ids as string[])[0];
  const dbGroupName = /^\$\{aws_security_group\.([a-z0-9_]+)\.id\}$/.exec(dbGroupRef)![1];
  const dbGroup = resourcesOf(json, 'aws_security_group')[dbGroupName];
  const clientRef = (dbGroup.ingress as ResourceBody[])[0].security_groups as string[];
  const [provisionerName, provisioner] = functionNamed(json, '-database-provisioner');
  const [taskRunnerName, taskRunner] = functionNamed(json, '-task-runner');

  it('is one Aurora PostgreSQL 16 cluster, storage encrypted with a KMS key of the stack', () => {
    expect(cluster.engine).toBe('aurora-postgresql');
    expect(cluster.engine_version).toMatch(/^16\.\d+$/);
    expect(cluster.storage_encrypted).toBe(true);
    const key = /^\$\{aws_kms_key\.([a-z0-9_]+)\.arn\}$/.exec(String(cluster.kms_key_id))?.[1];
    expect(Object.keys(resourcesOf(json, 'aws_kms_key'))).toContain(key);
  });

  it('lets RDS manage the master password: no master_password anywhere in the Terraform JSON', () => {
    expect(cluster.manage_master_user_password).toBe(true);
    expect(allKeys(json)).not.toContain('master_password');
    expect(JSON.stringify(json)).not.toMatch(/"master_password"/);
  });

  it('runs db.serverless instances that are not publicly accessible, one in stage and two in prod', () => {
    const instances = Object.values(resourcesOf(json, 'aws_rds_cluster_instance'));
    expect(instances).toHaveLength(tier === 'prod' ? 2 : 1);
    for (const instance of instances) {
      expect(instance.instance_class).toBe('db.serverless');
      expect(instance.publicly_accessible).toBe(false);
      expect(instance.cluster_identifier).toBe(clusterRef('id'));
    }
  });

  it('admits PostgreSQL (5432) only from the database-clients security group, from no CIDR', () => {
    const rules = dbGroup.ingress as ResourceBody[];
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule).toEqual(expect.objectContaining({ from_port: 5432, to_port: 5432, protocol: 'tcp' }));
      expect(rule.security_groups).toEqual(clientRef);
      expect(rule.cidr_blocks ?? []).toEqual([]);
      expect(rule.ipv6_cidr_blocks ?? []).toEqual([]);
      expect(rule.prefix_list_ids ?? []).toEqual([]);
    }
    expect(clientRef).toHaveLength(1);
    expect(clientRef[0]).not.toBe(dbGroupRef);
    expect(clientRef[0]).toMatch(/^\$\{aws_security_group\.[a-z0-9_]+\.id\}$/);
    // No rule added to the database's group from outside its definition.
    for (const type of ['aws_vpc_security_group_ingress_rule', 'aws_security_group_rule']) {
      for (const rule of Object.values(json.resource?.[type] ?? {})) expect(rule.security_group_id).not.toBe(dbGroupRef);
    }
  });

  it('puts the provisioner function in the database-clients security group', () => {
    expect((provisioner.vpc_config as ResourceBody).security_group_ids).toEqual(expect.arrayContaining(clientRef));
  });

  it('gives the provisioner names, ARNs and references as environment, never a password', () => {
    const variables = (provisioner.environment as { variables: Record<string, string> }).variables;
    expect(variables.MASTER_SECRET_ARN).toBe(clusterRef('master_user_secret[0].secret_arn'));
    expect(variables.DATABASE_HOST).toBe(clusterRef('endpoint'));
    for (const [name, value] of Object.entries(variables)) {
      expect(name).not.toMatch(/PASSWORD|PASSWD|TOKEN/i);
      // A Terraform reference, or a plain lowercase name, path, port or mode.
      expect(value).toMatch(/^(\$\{[A-Za-z0-9_.[\]]+\}|[a-z0-9./_-]+)$/);
    }
  });

  it('ships each function as a Node.js 22 zip written into the stack folder, whose hash is source_code_hash', () => {
    for (const fn of [provisioner, taskRunner]) {
      expect(fn.runtime).toBe('nodejs22.x');
      const file = /^\$\{path\.module\}\/([A-Za-z0-9._-]+\.zip)$/.exec(String(fn.filename))?.[1];
      expect(file).toBeDefined();
      const bytes = fs.readFileSync(path.join(stack.dir, file!));
      expect(createHash('sha256').update(bytes).digest('base64')).toBe(fn.source_code_hash);
    }
    expect(provisioner.filename).not.toBe(taskRunner.filename);
  });

  it('lets the provisioner read the master secret and read/write only the env database secrets of its tier', () => {
    const statements = policyStatements(json, policyOfRole(json, provisioner.role));
    const secretGrants = statements
      .filter((s) => s.Action.some((a) => a.startsWith('secretsmanager:')))
      .map((s) => ({ actions: [...s.Action].sort(), resources: s.Resource }));
    expect(secretGrants).toEqual(
      expect.arrayContaining([
        { actions: ['secretsmanager:GetSecretValue'], resources: [clusterRef('master_user_secret[0].secret_arn')] },
        {
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue'],
          resources: [`arn:aws:secretsmanager:${def.region}:${def.accountId}:secret:branchenv/${tier}/*/database-??????`],
        },
      ]),
    );
    expect(secretGrants).toContainEqual({ actions: ['secretsmanager:*'], resources: [`arn:aws:secretsmanager:${def.region}:${def.accountId}:secret:branchenv/${tier}/*/*/secrets/*`] });
    expect((statements.find((s) => s.Action.includes('secretsmanager:*')) as { Effect?: string } | undefined)?.Effect).toBe('Deny');
    expect(secretGrants).toHaveLength(3);
  });

  it('lets the task runner start tasks only in the base cluster and pass roles only to ECS tasks', () => {
    const statements = policyStatements(json, policyOfRole(json, taskRunner.role));
    const runTask = statements.filter((s) => s.Action.includes('ecs:RunTask'));
    expect(runTask).toHaveLength(1);
    expect(runTask[0].Condition).toEqual({ ArnEquals: { 'ecs:cluster': expect.stringMatching(/^\$\{aws_ecs_cluster\.[a-z0-9_]+\.arn\}$/) } });
    const passRole = statements.filter((s) => s.Action.includes('iam:PassRole'));
    expect(passRole).toHaveLength(1);
    expect(passRole[0].Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } });
    expect(passRole[0].Resource).toEqual([`arn:aws:iam::${def.accountId}:role/${tier}-*-exec`, `arn:aws:iam::${def.accountId}:role/${tier}-*-task`]);
  });

  it('publishes the cluster endpoint, port, clients group and both functions as base outputs', () => {
    const value = (name: string) => json.output?.[name]?.value;
    expect(value('database_endpoint')).toBe(clusterRef('endpoint'));
    expect(value('database_port')).toBe(5432);
    expect(value('database_client_security_group_id')).toBe(clientRef[0]);
    expect(value('database_provisioner_function')).toBe(`\${aws_lambda_function.${provisionerName}.function_name}`);
    expect(value('task_runner_function')).toBe(`\${aws_lambda_function.${taskRunnerName}.function_name}`);
  });
});

describe('scaling and protection of the base databases', () => {
  const stage = single(bases.stage.json, 'aws_rds_cluster')[1];
  const prod = single(bases.prod.json, 'aws_rds_cluster')[1];

  it('lets the stage cluster scale to zero and pause when idle', () => {
    const scaling = stage.serverlessv2_scaling_configuration as ResourceBody;
    expect(scaling.min_capacity).toBe(0);
    expect(scaling.seconds_until_auto_pause).toBeGreaterThanOrEqual(300);
    expect(scaling.seconds_until_auto_pause).toBeLessThanOrEqual(86400);
  });

  it('keeps a floor of at least 0.5 ACU in prod, without auto-pause', () => {
    const scaling = prod.serverlessv2_scaling_configuration as ResourceBody;
    expect(scaling.min_capacity).toBeGreaterThanOrEqual(0.5);
    expect(scaling).not.toHaveProperty('seconds_until_auto_pause');
  });

  it('protects the prod cluster from deletion and keeps a final snapshot; stage does neither', () => {
    expect(prod.deletion_protection).toBe(true);
    expect(prod.skip_final_snapshot).toBe(false);
    expect(prod.final_snapshot_identifier).toEqual(expect.any(String));
    expect(stage.deletion_protection).toBe(false);
    expect(stage.skip_final_snapshot).toBe(true);
    expect(stage).not.toHaveProperty('final_snapshot_identifier');
  });
});

describe('a base without a database', () => {
  const stageBase = loadBase('stage');
  const definition: BaseDefinition = { ...stageBase, database: undefined };
  const id = baseStackId('stage');
  const { json, stack } = synth({
    id,
    kind: 'base',
    tier: 'stage',
    build: (app) => new BaseStack(app, id, { definition, backend: { kind: 'local', path: 'terraform.tfstate' } }),
  });

  it('has no RDS resources, no Lambda functions and no function zips', () => {
    const types = Object.keys(json.resource ?? {});
    expect(types.filter((t) => /^aws_(rds|db)_|^aws_lambda_/.test(t))).toEqual([]);
    expect(fs.readdirSync(stack.dir).filter((f) => f.endsWith('.zip'))).toEqual([]);
  });

  it('publishes the database outputs as empty strings and port 0, so env stacks can still read them', () => {
    const value = (name: string) => json.output?.[name]?.value;
    expect(value('database_endpoint')).toBe('');
    expect(value('database_port')).toBe(0);
    expect(value('database_client_security_group_id')).toBe('');
    expect(value('database_provisioner_function')).toBe('');
    expect(value('task_runner_function')).toBe('');
  });

  it('is refused when the definition has a database but no function code is given', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-nocode-')), skipValidation: true });
    expect(() => new BaseStack(app, id, { definition: stageBase, backend: { kind: 'local', path: 'terraform.tfstate' } })).toThrow(
      /needs functionCode/,
    );
  });
});

/** Container definitions of a task definition resource. */
function containersOf(json: TerraformJson, taskName: string): Record<string, unknown>[] {
  return JSON.parse(String(resourcesOf(json, 'aws_ecs_task_definition')[taskName].container_definitions)) as Record<string, unknown>[];
}

/** Every resource address the given one waits for: its depends_on and the resources it references, transitively. */
function dependencies(json: TerraformJson, address: string): Set<string> {
  const body = (a: string) => {
    const [type, name] = a.split('.');
    return json.resource?.[type]?.[name];
  };
  const seen = new Set<string>();
  const queue = [address];
  while (queue.length > 0) {
    const current = body(queue.pop()!);
    if (!current) continue;
    const { depends_on: dependsOn, ...rest } = current as ResourceBody & { depends_on?: string[] };
    const referenced = [...JSON.stringify(rest).matchAll(/\b(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)\.[a-z_]/g)].map((m) => m[1]);
    for (const next of [...(dependsOn ?? []), ...referenced]) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

type NameValue = { name: string; value?: string; valueFrom?: string };
const envOf = (container: Record<string, unknown>) =>
  Object.fromEntries(((container.environment as NameValue[]) ?? []).map((e) => [e.name, e.value]));
const secretsOf = (container: Record<string, unknown>) =>
  Object.fromEntries(((container.secrets as NameValue[]) ?? []).map((e) => [e.name, e.valueFrom]));
const DATABASE_VARIABLES = ['PGHOST', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGSSLMODE', 'DATABASE_URL'];

describe.each(TIERS)('the database of a %s demo env', (tier) => {
  const { json, name: env } = envs[tier];
  const dbName = `demo-${env}`;
  const { region, accountId } = loadBase(tier);
  // By name (a partial ARN ECS accepts), known at plan time; IAM matches the suffix AWS appends.
  const credentialsArn = `arn:aws:secretsmanager:${region}:${accountId}:secret:branchenv/${tier}/demo/${env}/database`;
  const services = resourcesOf(json, 'aws_ecs_service');
  const invocations = resourcesOf(json, 'aws_lambda_invocation');
  const appContainer = (service: string) => containersOf(json, `${service}_task`).find((c) => c.name === service)!;

  it('creates an empty credentials secret under the env prefix, deleted without a recovery window', () => {
    const secret = resourcesOf(json, 'aws_secretsmanager_secret').db_credentials;
    expect(secret.name).toBe(`branchenv/${tier}/demo/${env}/database`);
    expect(secret.recovery_window_in_days).toBe(0);
  });

  it('provisions database and role through the base provisioner on create, update and destroy', () => {
    const provisioning = invocations.db_provisioning;
    expect(provisioning.lifecycle_scope).toBe('CRUD');
    expect(provisioning.function_name).toBe(BASE('database_provisioner_function'));
    const input = String(provisioning.input);
    expect(input).toMatch(/^\$\{jsonencode\(\{.*\}\)\}$/);
    expect(input).toContain(`"database" = "${dbName}"`);
    expect(input).toContain(`"role" = "${dbName}"`);
    expect(input).toContain(`"owner" = "${tier}/demo/${env}"`);
    expect(input).toContain('"secretArn" = aws_secretsmanager_secret.db_credentials.arn');
  });

  it.each(DB_USERS)('gives %s the PG* variables and a DATABASE_URL without password, from the base outputs', (service) => {
    const variables = envOf(appContainer(service));
    for (const name of DATABASE_VARIABLES) expect(variables[name]).toEqual(expect.any(String));
    expect(variables.PGHOST).toBe(BASE('database_endpoint'));
    expect(variables.PGDATABASE).toBe(dbName);
    expect(variables.PGUSER).toBe(dbName);
    expect(variables).not.toHaveProperty('PGPASSWORD');
    const url = /^postgres:\/\/([^@/]+)@([^/]+)\/([^?]+)/.exec(String(variables.DATABASE_URL));
    expect(url).not.toBeNull();
    expect(url![1]).toBe(dbName); // user only: no `:password` before the @
    expect(url![1]).not.toContain(':');
    expect(url![2]).toContain(BASE('database_endpoint'));
    expect(url![3]).toBe(dbName);
  });

  it.each(DB_USERS)('gives %s PGPASSWORD only as a secret read from the credentials secret, in its app container only', (service) => {
    const containers = containersOf(json, `${service}_task`);
    const holders = containers.filter((c) => 'PGPASSWORD' in secretsOf(c)).map((c) => c.name);
    expect(holders).toEqual([service]);
    expect(secretsOf(appContainer(service)).PGPASSWORD).toBe(`${credentialsArn}:password::`);
    for (const c of containers) expect(envOf(c)).not.toHaveProperty('PGPASSWORD');
  });

  it.each(DB_USERS)('puts %s in the database-clients group, lets its execution role read the secret, starts it after provisioning', (service) => {
    const body = services[`${service}_service`];
    expect((body.network_configuration as ResourceBody).security_groups).toContain(BASE('database_client_security_group_id'));
    const grants = policyStatements(json, `${service}_roles_execution_policy`).filter((s) => s.Action.includes('secretsmanager:GetSecretValue'));
    expect(grants.flatMap((s) => s.Resource)).toContain(`${credentialsArn}-??????`);
    expect(body.depends_on).toContain(PROVISIONING);
  });

  it(`gives ${NON_USER}, which does not use the database, none of it`, () => {
    for (const c of containersOf(json, `${NON_USER}_task`)) {
      for (const name of [...DATABASE_VARIABLES, 'PGPASSWORD']) {
        expect(envOf(c)).not.toHaveProperty(name);
        expect(secretsOf(c)).not.toHaveProperty(name);
      }
    }
    const body = services[`${NON_USER}_service`];
    expect((body.network_configuration as ResourceBody).security_groups).not.toContain(BASE('database_client_security_group_id'));
    expect(JSON.stringify(policyStatements(json, `${NON_USER}_roles_execution_policy`))).not.toContain('db_credentials');
    expect(body.depends_on).not.toContain(PROVISIONING);
  });

  it('defines the migration as its own task: the api container alone, running the migrate command', () => {
    const [taskName] = Object.entries(resourcesOf(json, 'aws_ecs_task_definition')).find(([, t]) => t.family === `${tier}-demo-${env}--api-migrate`)!;
    expect(taskName).toBe('api_migrate_task');
    const containers = containersOf(json, taskName);
    expect(containers.map((c) => c.name)).toEqual(['api']);
    expect(containers[0].command).toEqual(['/app/api', 'migrate']);
    expect(containers[0]).not.toHaveProperty('dependsOn');
    // It runs with the service's database access.
    expect(secretsOf(containers[0]).PGPASSWORD).toBe(`${credentialsArn}:password::`);
    expect(envOf(containers[0]).PGHOST).toBe(BASE('database_endpoint'));
  });

  it('runs the migration through the base task runner after provisioning, again whenever its task definition changes', () => {
    const run = invocations.api_migrate_run;
    expect(run.function_name).toBe(BASE('task_runner_function'));
    expect(String(run.input)).toContain('aws_ecs_task_definition.api_migrate_task.arn');
    expect(run.depends_on).toContain(PROVISIONING);
  });

  it('runs the migration only after the policies that let its task read the database secret and pull its image exist', () => {
    // ECS starts the one-off task once: if the execution role cannot yet read PGPASSWORD, the apply fails.
    const needed = Object.keys(resourcesOf(json, 'aws_iam_role_policy'))
      .filter((name) => name.startsWith('api_roles_'))
      .map((name) => `aws_iam_role_policy.${name}`);
    expect(needed).toContain('aws_iam_role_policy.api_roles_execution_policy');
    const before = dependencies(json, MIGRATION);
    expect(needed.filter((address) => !before.has(address))).toEqual([]);
  });

  it('rolls no service before the migration has run', () => {
    expect(Object.keys(services).sort()).toEqual(['api_service', 'web_service', 'worker_service']);
    for (const body of Object.values(services)) expect(body.depends_on).toContain(MIGRATION);
  });
});

describe('secret values in the synthesized stacks', () => {
  const SECRET_LIKE = /PASSWORD|PASSWD|SECRET|TOKEN|KEY/i;
  const stacks: [string, TerraformJson][] = [
    ...TIERS.map((tier) => [`base ${tier}`, bases[tier].json] as [string, TerraformJson]),
    ...TIERS.map((tier) => [`demo ${tier}`, envs[tier].json] as [string, TerraformJson]),
    ...TIERS.map((tier) => [`local demo ${tier}`, synth(demoEnv(tier, { local: true }).spec).json] as [string, TerraformJson]),
  ];

  it.each(stacks)('%s holds no secret version, master password or secret string', (_label, json) => {
    expect(Object.keys(json.resource ?? {})).not.toContain('aws_secretsmanager_secret_version');
    const keys = allKeys(json);
    expect(keys).not.toContain('master_password');
    expect(keys).not.toContain('secret_string');
  });

  // Bases run no containers; the env stacks do.
  it.each(stacks.filter(([label]) => label.includes('demo')))('%s gives no container a secret-looking variable with a literal value', (_label, json) => {
    const literal: string[] = [];
    let checked = 0;
    for (const taskName of Object.keys(resourcesOf(json, 'aws_ecs_task_definition'))) {
      for (const container of containersOf(json, taskName)) {
        checked += ((container.environment as NameValue[]) ?? []).length;
        for (const e of (container.environment as NameValue[]) ?? []) {
          if (SECRET_LIKE.test(e.name) && !/^\$\{[^}]+\}$/.test(String(e.value))) literal.push(`${taskName}/${String(container.name)}: ${e.name}`);
        }
        for (const s of (container.secrets as NameValue[]) ?? []) expect(Object.keys(s).sort()).toEqual(['name', 'valueFrom']);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(literal).toEqual([]);
  });
});
