import * as os from 'node:os';
import { TIERS } from '../../src/definitions/base-definition';
import { formatViolations, runPolicyPack } from '../../src/policy/pack';
import { selectStacks, STACK_KINDS } from '../../src/stacks/catalog';
import { checkWithTerraform, readStackJson, synthToTemp, TerraformCheckResult } from '../helpers/terraform-harness';
import { resourceCount } from '../helpers/stack-json';
import { limitConcurrency } from '../helpers/limit-concurrency';

// Every stack the project can produce, checked by the real terraform binary. Checks start at once,
// a few at a time: each terraform command spends ~2 s loading the AWS provider, mostly on one core.
const specs = selectStacks(STACK_KINDS, TIERS);
const stacks = synthToTemp(specs);
const limit = limitConcurrency(Math.max(2, os.cpus().length));
const checks = new Map(stacks.map((s) => [s.id, limit(() => checkWithTerraform(s))] as const));
// Failures are reported by the tests that await them; keep Node from flagging them as unhandled.
for (const check of checks.values()) check.catch(() => undefined);

describe.each(stacks.map((s, i) => [s.id, s, specs[i].tier] as const))('%s with the real terraform', (id, stack, tier) => {
  let result: TerraformCheckResult;

  beforeAll(async () => {
    result = await checks.get(id)!;
  });

  it('validates without errors or warnings', () => {
    expect(result.validate.valid).toBe(true);
    expect(result.validate.error_count).toBe(0);
    expect(result.validate.diagnostics).toEqual([]);
  });

  it('plans offline to create every resource of the stack and nothing else', () => {
    const changes = result.plan.resource_changes ?? [];
    expect(changes.every((c) => c.change.actions.join() === 'create')).toBe(true);
    expect(changes.length).toBe(resourceCount(readStackJson(stack)));
  });

  it('applies and destroys with a mocked AWS provider', () => {
    expect(result.testOutput).toMatch(/run "mock_apply"\.\.\. pass/);
    expect(result.testOutput).toMatch(/Success! 1 passed, 0 failed\./);
  });

  it('passes the policy pack with no undeclared violation', () => {
    expect(formatViolations(runPolicyPack(readStackJson(stack), tier))).toBe('');
  });
});
