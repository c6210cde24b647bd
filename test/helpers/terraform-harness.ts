/**
 * Runs the real terraform binary over synthesized stacks: init (local backend through an override),
 * validate, an offline plan with fake credentials, and `terraform test` with `mock_provider "aws"`
 * to apply and destroy the stack in memory. Every later suite reuses it.
 *
 * Settings (read by the CLI's cliConfigFor, as for the env script): TF_PLUGIN_MIRROR (a provider mirror, for
 * machines without internet), BRANCHENV_PLUGIN_CACHE (shared plugin cache; default in the temp dir).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliConfigFor } from '../../src/cli/terraform-setup';
import { OFFLINE_OVERRIDE_FILE, offlineOverride } from '../../src/terraform/offline-overrides';
import { runTerraform } from '../../src/terraform/run-terraform';
import { initSharingPluginCache } from '../../src/terraform/shared-plugin-cache';
import { StackSpec } from '../../src/stacks/catalog';
import { synthesize, SynthesizedStack } from '../../src/synth/synthesize';
import { awsResourceSchemas, computedArnAttributes, ResourceSchema } from './provider-schema';
import { TerraformJson } from './stack-json';

let cliConfigFile: string | undefined;

/** One CLI config per test process: mirror (if set) and a plugin cache shared by every stack folder. */
export function terraformCliConfig(): string {
  if (!cliConfigFile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-tfrc-'));
    // The CLI's settings, with the cache in the temp folder by default.
    cliConfigFile = cliConfigFor(dir, path.join(os.tmpdir(), 'branchenv-plugin-cache'));
  }
  return cliConfigFile;
}

/** Synthesizes the stacks into a fresh temp folder. */
export function synthToTemp(specs: readonly StackSpec[]): SynthesizedStack[] {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-synth-'));
  return synthesize(specs, outdir);
}

export function readStackJson(stack: SynthesizedStack): TerraformJson {
  return JSON.parse(fs.readFileSync(stack.file, 'utf8')) as TerraformJson;
}

/** What `terraform show -json` says of a saved plan (the parts the tests read). */
export interface PlanJson {
  readonly resource_changes?: { address: string; type: string; change: { actions: string[] } }[];
  readonly planned_values?: { outputs?: Record<string, unknown> };
}

export interface TerraformCheckResult {
  readonly validate: { valid: boolean; error_count: number; diagnostics: unknown[] };
  readonly plan: PlanJson;
  /** Output of `terraform test`. */
  readonly testOutput: string;
}

/**
 * Runs init, validate, an offline plan and a mock apply+destroy in the stack's folder.
 * One init per stack: the local-backend override makes plan and test work from the same init.
 */
export async function checkWithTerraform(stack: SynthesizedStack, extraOverride?: object): Promise<TerraformCheckResult> {
  const run = (args: string[]) => runTerraform(args, { cwd: stack.dir, cliConfigFile: terraformCliConfig() });
  const json = readStackJson(stack);
  fs.writeFileSync(path.join(stack.dir, OFFLINE_OVERRIDE_FILE), JSON.stringify(offlineOverride({ statePath: 'offline.tfstate' })));
  if (extraOverride) fs.writeFileSync(path.join(stack.dir, 'branchenv_test_override.tf.json'), JSON.stringify(extraOverride));

  // Inits take turns on the shared plugin cache (see shared-plugin-cache.ts), across test processes too.
  await initSharingPluginCache(stack.dir, terraformCliConfig(), () => run(['init', '-input=false']));
  const validateOut = await run(['validate', '-json']);
  await run(['plan', '-input=false', '-lock=false', '-out=plan.bin']);
  const show = await run(['show', '-json', 'plan.bin']);

  const schemas = await awsResourceSchemas(stack.dir, terraformCliConfig());
  fs.writeFileSync(path.join(stack.dir, 'mock_apply.tftest.json'), JSON.stringify(mockApplyTest(json, schemas)));
  fs.writeFileSync(path.join(stack.dir, 'branchenv_mock_override.tf.json'), JSON.stringify(mockLifecycleOverride(json)));
  try {
    const test = await run(['test']);
    return { validate: JSON.parse(validateOut.stdout), plan: JSON.parse(show.stdout) as PlanJson, testOutput: test.stdout };
  } finally {
    fs.rmSync(path.join(stack.dir, 'branchenv_mock_override.tf.json'));
  }
}

/**
 * The `terraform test` file: mock AWS, apply, then (implicitly) destroy. The mock fills computed
 * strings with random text, which the provider's ARN validation rejects where one resource's ARN
 * feeds another, so computed ARNs get well-formed values; it leaves nested computed attributes
 * empty, so ACM certificates get validation options derived from their own domain and Aurora
 * clusters with an RDS-managed password get the master secret RDS would create.
 */
export function mockApplyTest(json: TerraformJson, schemas: Record<string, ResourceSchema>): object {
  const mockResources: Record<string, object> = {};
  for (const type of Object.keys(json.resource ?? {})) {
    const arns = schemas[type] ? computedArnAttributes(schemas[type]) : [];
    const defaults: Record<string, string> = Object.fromEntries(arns.map((attr) => [attr, `arn:aws:mock:eu-west-1:123456789012:${type}/${attr}`]));
    // Ids some resources validate when another resource refers to them.
    if (MOCK_IDS[type]) defaults.id = MOCK_IDS[type];
    if (Object.keys(defaults).length > 0) mockResources[type] = { defaults };
  }
  const certificates = Object.entries(json.resource?.aws_acm_certificate ?? {});
  // Clusters with an RDS-managed password: the secret RDS creates, which the provisioner reads.
  const clusters = Object.entries(json.resource?.aws_rds_cluster ?? {}).filter(([, c]) => c.manage_master_user_password === true);
  const clusterOverrides = clusters.map(([name]) => ({
    target: `aws_rds_cluster.${name}`,
    values: {
      ...((mockResources.aws_rds_cluster as { defaults?: object } | undefined)?.defaults ?? {}),
      master_user_secret: [{ secret_arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds!cluster-mock-AbCdEf', kms_key_id: 'mock', secret_status: 'active' }],
    },
  }));
  const certificateOverrides = certificates.map(([name, cert]) => ({
    target: `aws_acm_certificate.${name}`,
    // An override replaces the mock_resource defaults of that resource, so repeat them.
    values: {
      ...((mockResources.aws_acm_certificate as { defaults?: object } | undefined)?.defaults ?? {}),
      domain_validation_options: [String(cert.domain_name), ...((cert.subject_alternative_names as string[]) ?? [])].map((domain) => ({
        domain_name: domain,
        resource_record_name: `_mock.${domain.replace(/^\*\./, '')}.`,
        resource_record_type: 'CNAME',
        resource_record_value: '_mock.acm-validations.aws.',
      })),
    },
  }));
  const overrides = [...certificateOverrides, ...clusterOverrides];
  return {
    mock_provider: { aws: Object.keys(mockResources).length > 0 ? { mock_resource: mockResources } : {} },
    ...(overrides.length > 0 ? { override_resource: overrides } : {}),
    run: { mock_apply: { command: 'apply' } },
  };
}

/** Well-formed ids for resource types whose id another resource's schema validates. */
const MOCK_IDS: Record<string, string> = {
  aws_launch_template: 'lt-0123456789abcdef0',
  aws_instance: 'i-0123456789abcdef0',
  aws_ebs_volume: 'vol-0123456789abcdef0',
};

/** Lets the in-memory destroy of `terraform test` remove resources that a real destroy must not. */
function mockLifecycleOverride(json: TerraformJson): object {
  const resource: Record<string, Record<string, object>> = {};
  for (const [type, byName] of Object.entries(json.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      const lifecycle = body.lifecycle as { prevent_destroy?: boolean } | undefined;
      if (lifecycle?.prevent_destroy) (resource[type] ??= {})[name] = { lifecycle: { prevent_destroy: false } };
    }
  }
  return Object.keys(resource).length > 0 ? { resource } : {};
}
