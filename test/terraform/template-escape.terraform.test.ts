import { ServiceDefinition } from '../../src/definitions/service-set';
import { validateServiceSet } from '../../src/definitions/validate-service-set';
import { repositoryAddress } from '../../src/env/image-reference';
import { envSpec, loadEnv } from '../../src/env/prepare-env';
import { checkWithTerraform, readStackJson, synthToTemp, TerraformCheckResult } from '../helpers/terraform-harness';

// A set whose values look like Terraform templates, and a branch and author that do too: the real
// terraform binary validates and plans the env, and the plan holds every value as written.
const ROLE = '${aws_iam_role.x.arn}';
const DIRECTIVE = '%{if true}x%{endif}';
const UNCLOSED = 'costs ${';
const BRANCH = 'feature/${aws_iam_role.x.arn}-%{if true}x%{endif}';

const loaded = loadEnv({ tier: 'stage', set: 'demo', selector: { kind: 'branch', branch: BRANCH } });
const withTemplates = (s: ServiceDefinition): ServiceDefinition =>
  s.name !== 'worker'
    ? s
    : {
        ...s,
        environment: { ...s.environment, ROLE_ARN: ROLE, FLAG: DIRECTIVE, A_UNCLOSED: UNCLOSED },
        healthCheck: { command: ['CMD-SHELL', 'test -n "${HOME}" && /app/worker health'] },
        secrets: { QUEUE_TOKEN: { secretsManager: 'demo/stage/queue', jsonKey: '${key}' } },
      };
const set = validateServiceSet({ ...loaded.set, services: loaded.set.services.map(withTemplates) }, 'test set', { base: loaded.base, env: loaded.name });
const registry = set.registry ?? loaded.base.registry;
const images = Object.fromEntries(set.services.map((s) => [s.name, 'fixed' in s.image ? s.image.fixed : `${repositoryAddress(registry, s.image.repository)}:main-1-abc1234`]));
const env = envSpec({ ...loaded, set }, { images, commit: 'abc${x}', createdBy: '${jest}%{x}', now: new Date('2026-11-22T00:00:00Z'), local: true });
const [stack] = synthToTemp([env.spec]);

interface Change {
  readonly address: string;
  readonly change: { readonly after?: { readonly container_definitions?: string } };
}

describe('values that look like Terraform templates, with the real terraform', () => {
  let result: TerraformCheckResult;
  beforeAll(async () => {
    result = await checkWithTerraform(stack);
  });

  it('validate without errors', () => {
    expect(result.validate.diagnostics).toEqual([]);
    expect(result.validate.valid).toBe(true);
  });

  it('plan the worker container with every value literal, and the env backends still as references', () => {
    const changes = (result.plan.resource_changes ?? []) as unknown as Change[];
    const task = changes.find((c) => c.address.endsWith('worker_task'));
    const containers = JSON.parse(task?.change.after?.container_definitions ?? '[]') as {
      name: string;
      environment: { name: string; value: string }[];
      secrets: { name: string; valueFrom: string }[];
      healthCheck?: { command: string[] };
      logConfiguration: { options: Record<string, string> };
    }[];
    const worker = containers.find((c) => c.name === 'worker')!;
    const value = (name: string) => worker.environment.find((e) => e.name === name)?.value;
    expect([value('ROLE_ARN'), value('FLAG'), value('A_UNCLOSED')]).toEqual([ROLE, DIRECTIVE, UNCLOSED]);
    expect(worker.healthCheck?.command).toEqual(['CMD', 'CMD-SHELL', 'test -n "${HOME}" && /app/worker health']);
    expect(worker.secrets.find((x) => x.name === 'QUEUE_TOKEN')?.valueFrom).toMatch(/:secret:demo\/stage\/queue:\$\{key\}::$/);
    // Planned bucket name: known at plan time, so not left to `(known after apply)`.
    expect(value('BRANCHENV_BUCKET')).toMatch(/^[a-z0-9.-]+$/);
    expect(worker.logConfiguration.options['awslogs-group']).toMatch(/^\/branchenv\//);
  });

  it('tag resources with branch, commit and author cleaned of template openings (tagValue)', () => {
    const provider = readStackJson(stack).provider as { aws: { default_tags: { tags: Record<string, string> }[] }[] };
    const tags = provider.aws[0].default_tags[0].tags;
    expect(tags.branch).toBe('feature/__aws_iam_role.x.arn_-__if true_x__endif_');
    expect(Object.values(tags).filter((v) => /[$%]\{/.test(v))).toEqual([]);
  });

  it('plan the owner outputs as written', () => {
    const outputs = result.plan.planned_values?.outputs as Record<string, { value: unknown }>;
    expect(outputs.branch.value).toBe(BRANCH);
    expect(outputs.commit.value).toBe('abc${x}');
  });
});
