import * as os from 'node:os';
import { localBaseOutputs } from '../../src/contract/local-base-outputs';
import { TIERS } from '../../src/definitions/base-definition';
import { loadBase } from '../../src/definitions/tiers';
import { formatViolations, runPolicyPack } from '../../src/policy/pack';
import { ALL_RULES } from '../../src/policy/rules';
import { selectStacks, STACK_KINDS, StackSpec } from '../../src/stacks/catalog';
import { demoEnv } from '../helpers/demo-env';
import { remoteStateOverride, writeBaseState } from '../helpers/fake-base-state';
import { limitConcurrency } from '../../src/concurrency/limit-concurrency';
import { resourceCount } from '../helpers/stack-json';
import { checkWithTerraform, readStackJson, synthToTemp, TerraformCheckResult } from '../helpers/terraform-harness';

// Every stack the project can produce, checked by the real terraform binary: the base stacks, the
// state buckets, and a branch env of the demo set per tier (with the base's state served by the
// test), one whose set name is long enough that AWS names are shortened, plus one in local mode (base values from defaults). Checks start at once, a few at a time:
// each terraform command spends ~2 s loading the AWS provider, mostly on one core.
interface Case {
  readonly spec: StackSpec;
  /** Serve the base's outputs from a state file written by the test. */
  readonly servesBase: boolean;
}

const cases: Case[] = [
  ...selectStacks(STACK_KINDS, TIERS).map((spec) => ({ spec, servesBase: false })),
  ...TIERS.map((tier) => ({ spec: demoEnv(tier).spec, servesBase: true })),
  // A 10-character set name with a 20-character env name: target group names are shortened.
  { spec: demoEnv('stage', { renameSetTo: 'storefront' }).spec, servesBase: true },
  { spec: demoEnv('stage', { local: true, branch: 'local-mode' }).spec, servesBase: false },
  // On ingress shard 2: its listener rules, load balancer group and DNS records come from the shard lists.
  { spec: demoEnv('stage', { local: true, branch: 'on-shard-2', shard: 2 }).spec, servesBase: false },
];
const stacks = cases.map((c) => synthToTemp([c.spec])[0]);
const limit = limitConcurrency(Math.max(2, os.cpus().length));
const checks = new Map(
  stacks.map((stack, i) => {
    const { spec, servesBase } = cases[i];
    const override = servesBase
      ? remoteStateOverride(readStackJson(stack), writeBaseState(stack.dir, localBaseOutputs(loadBase(spec.tier))))
      : undefined;
    return [stack.id, limit(() => checkWithTerraform(stack, override))] as const;
  }),
);
// Failures are reported by the tests that await them; keep Node from flagging them as unhandled.
for (const check of checks.values()) check.catch(() => undefined);

describe.each(stacks.map((s, i) => [s.id, s, cases[i].spec.tier] as const))('%s with the real terraform', (id, stack, tier) => {
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
    expect(formatViolations(runPolicyPack(readStackJson(stack), tier, ALL_RULES))).toBe('');
  });
});
