import { TIERS } from '../../src/definitions/base-definition';
import { selectStacks, STACK_KINDS } from '../../src/stacks/catalog';
import { checkWithTerraform, readStackJson, synthToTemp, TerraformCheckResult } from '../helpers/terraform-harness';
import { resourceCount } from '../helpers/stack-json';

// Every stack the project can produce, checked by the real terraform binary.
const stacks = synthToTemp(selectStacks(STACK_KINDS, TIERS));

describe.each(stacks.map((s) => [s.id, s] as const))('%s with the real terraform', (_id, stack) => {
  let result: TerraformCheckResult;

  beforeAll(async () => {
    result = await checkWithTerraform(stack);
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
});
