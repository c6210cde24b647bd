import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Testing } from 'cdktf';
import { loadBase } from '../../src/definitions/tiers';
import { validateServiceSet } from '../../src/definitions/validate-service-set';
import { BranchStack } from '../../src/stacks/branch-stack';
import { planSwap, RulePriority } from '../../src/sleep/rule-swap';
import { service, set } from '../helpers/set-builders';

// The sleep schedules' SetRulePriorities inputs are Terraform expressions (modules/ingress/asleep-rules.ts);
// `env sleep` computes the same in TypeScript (src/sleep/rule-swap.ts). The real terraform evaluates the
// synthesized expressions over rule priorities read awake and asleep: both must match planSwap.

function synthLocals(prefixes: readonly string[]): { locals: Record<string, string>; rules: string[] } {
  const base = loadBase('stage');
  const def = validateServiceSet(set([service('api', { routes: prefixes.map((hostPrefix) => ({ hostPrefix })) })]), 'test', { base, env: 'swap-check' });
  const stack = new BranchStack(new App({ skipValidation: true }), 'env', {
    base,
    set: def,
    identity: { name: 'swap-check', branch: 'swap-check', commit: 'abc1234', createdBy: 'jest', expiresOn: '2026-11-29' },
    images: { api: 'nginx:1.27' },
  });
  const json = JSON.parse(Testing.synth(stack)) as { locals: Record<string, string>; resource: { aws_lb_listener_rule: Record<string, unknown> } };
  return { locals: json.locals, rules: Object.keys(json.resource.aws_lb_listener_rule) };
}

/** Both inputs as terraform computes them for these priorities (rule name → priority). */
function evaluate(locals: Record<string, string>, priorities: Record<string, number>): { sleep: unknown; wake: unknown } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-swap-'));
  const config = { variable: { r: {} }, locals: Object.fromEntries(Object.entries(locals).map(([k, v]) => [k, v.replace(/aws_lb_listener_rule\.([a-z0-9_]+)\./g, 'var.r.$1.')])) };
  fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(config));
  fs.writeFileSync(path.join(dir, 'r.tfvars.json'), JSON.stringify({ r: Object.fromEntries(Object.entries(priorities).map(([name, priority]) => [name, { arn: `arn:${name}`, priority }])) }));
  const run = spawnSync('terraform', ['console', '-var-file=r.tfvars.json'], { cwd: dir, input: 'jsonencode([local.asleep_sleep_input, local.asleep_wake_input])\n', encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  fs.rmSync(dir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(run.stderr);
  const [sleep, wake] = JSON.parse(JSON.parse(run.stdout.trim().split('\n').pop()!) as string) as string[];
  return { sleep: JSON.parse(sleep), wake: JSON.parse(wake) };
}

const asInput = (list: readonly RulePriority[]) => ({ RulePriorities: [...list].sort((a, b) => (a.arn < b.arn ? -1 : 1)).map((p) => ({ RuleArn: p.arn, Priority: p.priority })) });

describe.each([
  ['one asleep rule (3 hosts)', ['alpha', 'bravo', 'charlie']],
  ['two asleep rules (7 hosts)', ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf']],
])('the schedule inputs with %s', (_, prefixes) => {
  const { locals, rules } = synthLocals(prefixes);
  const asleepNames = rules.filter((n) => n.startsWith('asleep_'));
  // Forward rules got 10, 11, …; the asleep rules the next ones; another env's rules sit in between.
  const awake: Record<string, number> = Object.fromEntries([...rules.filter((n) => !n.startsWith('asleep_')), ...asleepNames].map((name, i) => [name, 10 + 2 * i]));
  const split = (p: Record<string, number>) => {
    const list = Object.entries(p).map(([name, priority]) => ({ arn: `arn:${name}`, priority }));
    return planSwap(list.filter((r) => r.arn.startsWith('arn:asleep_')), list.filter((r) => !r.arn.startsWith('arn:asleep_')));
  };
  const expected = split(awake);
  const asleep = { ...awake, ...Object.fromEntries(expected.sleep.map((p) => [p.arn.slice(4), p.priority])) };

  it.each([
    ['awake', awake],
    ['asleep', asleep],
  ])('read %s, are what env sleep and env wake set', (_state, priorities) => {
    const got = evaluate(locals, priorities);
    expect(got.sleep).toEqual(asInput(expected.sleep));
    expect(got.wake).toEqual(asInput(expected.wake));
  });
});
