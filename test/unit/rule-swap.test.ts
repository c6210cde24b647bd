import fc from 'fast-check';
import { changedPriorities, planSwap, RulePriority } from '../../src/sleep/rule-swap';

const r = (arn: string, priority: number): RulePriority => ({ arn, priority });
const apply = (rules: readonly RulePriority[], change: readonly RulePriority[]) => {
  const to = new Map(change.map((c) => [c.arn, c.priority]));
  return rules.map((x) => r(x.arn, to.get(x.arn) ?? x.priority));
};
const byArn = (rules: readonly RulePriority[]) => Object.fromEntries(rules.map((x) => [x.arn, x.priority]));

describe('the asleep rules swap', () => {
  const forward = [r('f1', 7), r('f2', 8), r('f3', 9), r('f4', 10)];
  const asleep = [r('a', 11)];

  it('swaps the asleep rule with the lowest forward rule to sleep, and keeps everything to wake', () => {
    const plan = planSwap(asleep, forward);
    expect(plan.state).toBe('awake');
    expect(byArn(plan.sleep)).toEqual({ a: 7, f1: 11 });
    expect(byArn(plan.wake)).toEqual({ f1: 7, a: 11 });
  });

  it('gives the same two arrangements when read asleep', () => {
    const slept = apply([...asleep, ...forward], planSwap(asleep, forward).sleep);
    const plan = planSwap(slept.filter((x) => x.arn === 'a'), slept.filter((x) => x.arn !== 'a'));
    expect(plan.state).toBe('asleep');
    expect(byArn(plan.sleep)).toEqual({ a: 7, f1: 11 });
    expect(byArn(plan.wake)).toEqual({ f1: 7, a: 11 });
  });

  it('pairs several asleep rules with as many lowest forward rules, in order', () => {
    const plan = planSwap([r('a1', 20), r('a2', 21)], [r('f1', 5), r('f2', 6), r('f3', 12)]);
    expect(byArn(plan.sleep)).toEqual({ f1: 20, f2: 21, a1: 5, a2: 6 });
  });

  it('puts rules moved by hand in order: asleep after every forward rule to wake, before to sleep', () => {
    const plan = planSwap([r('a', 8)], [r('f1', 7), r('f2', 9)]);
    expect(plan.state).toBe('mixed');
    expect(byArn(plan.wake)).toEqual({ f1: 7, f2: 8, a: 9 });
    expect(byArn(plan.sleep)).toEqual({ a: 7, f1: 8, f2: 9 });
  });

  it('sends only what changes, and never a priority another unchanged rule keeps', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 50000 }), { minLength: 2, maxLength: 30 }), fc.integer({ min: 1, max: 6 }), (values, k) => {
        const asleepCount = Math.min(k, Math.floor(values.length / 2));
        const rules = values.map((p, i) => r(i < asleepCount ? `a${i}` : `f${i}`, p));
        const [a, f] = [rules.slice(0, asleepCount), rules.slice(asleepCount)];
        for (const target of [planSwap(a, f).sleep, planSwap(a, f).wake]) {
          const after = apply(rules, changedPriorities(target, rules));
          expect(new Set(after.map((x) => x.priority)).size).toBe(rules.length);
        }
        // Sleeping puts every asleep rule before every forward rule; waking after.
        const slept = apply(rules, planSwap(a, f).sleep);
        const woken = apply(rules, planSwap(a, f).wake);
        const max = (list: RulePriority[], pick: string) => Math.max(...list.filter((x) => x.arn.startsWith(pick)).map((x) => x.priority));
        const min = (list: RulePriority[], pick: string) => Math.min(...list.filter((x) => x.arn.startsWith(pick)).map((x) => x.priority));
        expect(max(slept, 'a')).toBeLessThan(min(slept, 'f'));
        expect(min(woken, 'a')).toBeGreaterThan(max(woken, 'f'));
      }),
    );
  });

  it('refuses to swap without asleep rules or without enough forward rules', () => {
    expect(() => planSwap([], forward)).toThrow(/no asleep rule/);
    expect(() => planSwap([r('a1', 1), r('a2', 2)], [r('f', 3)])).toThrow(/2 asleep rules need at least 2 forward rules/);
  });
});
