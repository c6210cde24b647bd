import { countsLine, PlanJsonDocument, summarizePlan } from '../../src/report/plan-summary';

const task = (images: Record<string, string>) => JSON.stringify(Object.entries(images).map(([name, image]) => ({ name, image })));

const plan: PlanJsonDocument = {
  resource_changes: [
    { address: 'aws_s3_bucket.a', type: 'aws_s3_bucket', change: { actions: ['create'] } },
    { address: 'aws_iam_role.r', type: 'aws_iam_role', change: { actions: ['update'] } },
    { address: 'aws_lb_target_group.old', type: 'aws_lb_target_group', change: { actions: ['delete'] } },
    {
      address: 'aws_ecs_task_definition.api_task',
      type: 'aws_ecs_task_definition',
      change: {
        actions: ['delete', 'create'],
        before: { container_definitions: task({ api: 'reg/demo/api:develop-1-aaaaaaa', envoy: 'envoyproxy/envoy:v1.31.6' }) },
        after: { container_definitions: task({ api: 'reg/demo/api:feature-x-2-bbbbbbb', envoy: 'envoyproxy/envoy:v1.31.6' }) },
      },
      action_reason: 'replace_because_cannot_update',
    },
    { address: 'aws_vpc.unchanged', type: 'aws_vpc', change: { actions: ['no-op'] } },
  ],
};

describe('plan summary', () => {
  const summary = summarizePlan(plan);

  it('counts changes by action, a replacement as one add and one destroy', () => {
    expect(summary.counts).toEqual({ create: 1, update: 1, replace: 1, delete: 1, read: 0, 'no-op': 1 });
    expect(countsLine(summary)).toBe('2 to add, 1 to change, 2 to destroy (1 replaced)');
    expect(summary.hasChanges).toBe(true);
  });

  it('lists destroyed and replaced resources', () => {
    expect(summary.destroyed).toEqual(['aws_lb_target_group.old']);
    expect(summary.replaced).toEqual([{ address: 'aws_ecs_task_definition.api_task', reason: 'replace_because_cannot_update' }]);
  });

  it('shows only the images that change, old and new', () => {
    expect(summary.imageChanges).toEqual([
      { container: 'aws_ecs_task_definition.api_task api', from: 'reg/demo/api:develop-1-aaaaaaa', to: 'reg/demo/api:feature-x-2-bbbbbbb' },
    ]);
  });

  it('sees no changes in a plan of no-ops', () => {
    expect(summarizePlan({ resource_changes: [{ address: 'a.b', type: 'a', change: { actions: ['no-op'] } }] }).hasChanges).toBe(false);
  });
});

// plan.md itself: test/report/plan-markdown.test.ts (from terraform's plan text).
