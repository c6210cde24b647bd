/**
 * plan.md's cost line, from the env stack's `estimated_cost_per_day` output in `terraform show -json`:
 * a new env, a change, no change, a drop, and a plan without the output (no line at all).
 */
import { costChangeOf, costLine } from '../../src/report/cost-line';
import { planMarkdown } from '../../src/report/plan-markdown';
import { PlanJsonDocument, summarizePlan } from '../../src/report/plan-summary';

const create = { address: 'aws_ecs_service.web', type: 'aws_ecs_service', change: { actions: ['create'] } };
const update = { address: 'aws_ecs_service.web', type: 'aws_ecs_service', change: { actions: ['update'] } };
const unchanged = { address: 'aws_ecs_cluster.c', type: 'aws_ecs_cluster', change: { actions: ['no-op'] } };

function md(plan: PlanJsonDocument): string {
  return planMarkdown({ summary: summarizePlan(plan), diff: 'the diff', tier: 'stage', set: 'demo', env: 'feature-x', branch: 'feature/x', commit: 'abc1234', planJsonPath: 'x/plan.json' });
}
const cost = (actions: string[], before: unknown, after: unknown) => ({ estimated_cost_per_day: { actions, before, after } });

describe('plan.md cost line', () => {
  it('shows a new env\'s cost per day, after the counts and before the rest', () => {
    const text = md({ resource_changes: [create], output_changes: cost(['create'], null, 0.61) });
    expect(text).toContain('\nEstimated cost: $0.61/day (new env)\n');
    expect(text.indexOf('Estimated cost')).toBeGreaterThan(text.indexOf('**1 to add'));
    expect(text.indexOf('Estimated cost')).toBeLessThan(text.indexOf('| create | update |'));
  });

  it('shows the change a plan causes, up or down', () => {
    expect(md({ resource_changes: [update, unchanged], output_changes: cost(['update'], 0.98, 1.23) })).toContain('Estimated cost: $1.23/day (was $0.98/day, +$0.25)');
    expect(md({ resource_changes: [update], output_changes: cost(['update'], 1.23, 0.61) })).toContain('Estimated cost: $0.61/day (was $1.23/day, -$0.62)');
  });

  it('says unchanged when the estimate stays', () => {
    expect(md({ resource_changes: [update], output_changes: cost(['no-op'], 0.61, 0.61) })).toContain('Estimated cost: $0.61/day (unchanged)');
  });

  it('does not call an env new when it existed before the estimate did', () => {
    expect(md({ resource_changes: [update, unchanged], output_changes: cost(['create'], null, 0.61) })).toContain('Estimated cost: $0.61/day (no estimate before this plan)');
  });

  it('says what a drop saves', () => {
    expect(md({ resource_changes: [{ ...create, change: { actions: ['delete'] } }], output_changes: cost(['delete'], 0.61, null) })).toContain(
      'Estimated cost: none after this plan (was $0.61/day, -$0.61)',
    );
  });

  it('has no cost line when the plan carries no estimate (a region without prices, or not a number)', () => {
    expect(md({ resource_changes: [create] })).not.toContain('Estimated cost');
    expect(md({ resource_changes: [create], output_changes: { shard: { actions: ['create'], before: null, after: 1 } } })).not.toContain('Estimated cost');
    expect(costChangeOf(cost(['create'], null, '${var.x}'))).toBeUndefined();
  });

  it('rounds the difference to cents', () => {
    expect(costLine({ before: 0.1, after: 0.3 }, false)).toBe('Estimated cost: $0.30/day (was $0.10/day, +$0.20)');
    expect(costLine({ before: 0.7, after: 0.7000000001 }, false)).toBe('Estimated cost: $0.70/day (unchanged)');
  });
});
