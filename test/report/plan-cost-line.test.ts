/**
 * plan.md's cost line, from the env stack's `estimated_cost_per_day` output: its line in terraform's
 * plan text (after) and the env's output before the plan (before): a new env, a change, no change, a
 * drop, and a plan without the output (no line at all).
 */
import { costChangeOf, costLine } from '../../src/report/cost-line';
import { planMarkdown } from '../../src/report/plan-markdown';
import { planInput } from '../helpers/plan-md-input';

const CREATE = '  # aws_ecs_service.web will be created\n  + resource "aws_ecs_service" "web" {\n      + name = "x"\n    }\n';
const UPDATE = '  # aws_ecs_service.web will be updated in-place\n  ~ resource "aws_ecs_service" "web" {\n      ~ desired_count = 1 -> 2\n    }\n';
const DESTROY = '  # aws_ecs_service.web will be destroyed\n  - resource "aws_ecs_service" "web" {\n      - name = "x" -> null\n    }\n';
const outputs = (line?: string) => (line ? `\nChanges to Outputs:\n  ${line}\n` : '');

function md(resources: string, output: string | undefined, prior: Record<string, unknown> = {}): string {
  return planMarkdown(planInput(`Terraform will perform the following actions:\n\n${resources}${outputs(output)}`, { prior }));
}

describe('plan.md cost line', () => {
  it('shows a new env`s cost per day beside the counts, before the rest', () => {
    const text = md(CREATE, '+ estimated_cost_per_day = 0.61');
    expect(text).toContain('**1 to add, 0 to change, 0 to destroy** · Estimated cost: $0.61/day (new env)\n');
    expect(text.indexOf('Estimated cost')).toBeLessThan(text.indexOf('| create | update |'));
  });

  it('shows the change a plan causes, up or down', () => {
    expect(md(UPDATE, '~ estimated_cost_per_day = 0.98 -> 1.23', { estimated_cost_per_day: 0.98 })).toContain('Estimated cost: $1.23/day (was $0.98/day, +$0.25)');
    expect(md(UPDATE, '~ estimated_cost_per_day = 1.23 -> 0.61', { estimated_cost_per_day: 1.23 })).toContain('Estimated cost: $0.61/day (was $1.23/day, -$0.62)');
  });

  it('says unchanged when the estimate stays (no output line: the env`s own value)', () => {
    expect(md(UPDATE, undefined, { estimated_cost_per_day: 0.61 })).toContain('Estimated cost: $0.61/day (unchanged)');
  });

  it('does not call an env new when it existed before the estimate did', () => {
    expect(md(UPDATE, '+ estimated_cost_per_day = 0.61')).toContain('Estimated cost: $0.61/day (no estimate before this plan)');
  });

  it('says what a drop saves', () => {
    expect(md(DESTROY, '- estimated_cost_per_day = 0.61 -> null', { estimated_cost_per_day: 0.61 })).toContain('Estimated cost: none after this plan (was $0.61/day, -$0.61)');
  });

  it('has no cost line when neither the plan nor the env carries an estimate', () => {
    expect(md(CREATE, undefined)).not.toContain('Estimated cost');
    expect(md(CREATE, '+ shard = 1')).not.toContain('Estimated cost');
    expect(costChangeOf({ estimated_cost_per_day: { actions: ['create'], before: null, after: '${var.x}' } })).toBeUndefined();
  });

  it('rounds the difference to cents', () => {
    expect(costLine({ before: 0.1, after: 0.3 }, false)).toBe('Estimated cost: $0.30/day (was $0.10/day, +$0.20)');
    expect(costLine({ before: 0.7, after: 0.7000000001 }, false)).toBe('Estimated cost: $0.70/day (unchanged)');
  });
});
