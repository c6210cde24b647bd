import { driftMarkdown } from '../../src/report/drift-markdown';

describe('the drift report in Markdown', () => {
  const inSync = { stack: 'base stage', drifted: false, resources: [] };
  const drifted = { stack: 'demo/develop', drifted: true, resources: [{ address: 'aws_ecs_service.api_service', actions: ['update'] }, { address: 'aws_s3_bucket.x', actions: ['delete'] }] };

  it('says in sync when nothing drifted, with one table row per stack', () => {
    const md = driftMarkdown('stage', [inSync], '2026-12-07T03:17:00Z');
    expect(md).toContain('**In sync**: 1 stack(s) match their Terraform state (2026-12-07T03:17:00Z).');
    expect(md.split('\n').filter((l) => l.startsWith('| `'))).toEqual(['| `base stage` | in sync | 0 |']);
  });

  it('counts the drifted stacks first, then lists each one`s resources with what changed', () => {
    const md = driftMarkdown('stage', [inSync, drifted], 'now');
    expect(md).toContain('**1 of 2 stack(s) drifted** (now)');
    expect(md).toContain('| `demo/develop` | drifted | 2 |');
    expect(md).toContain('#### `demo/develop`\n\n- update `aws_ecs_service.api_service`\n- delete `aws_s3_bucket.x`');
  });

  it('lists at most 50 resources of a stack and counts the rest', () => {
    const many = { stack: 'base stage', drifted: true, resources: Array.from({ length: 60 }, (_, i) => ({ address: `aws_x.r${i}`, actions: ['update'] })) };
    const md = driftMarkdown('stage', [many], 'now');
    expect(md.split('\n').filter((l) => l.startsWith('- update'))).toHaveLength(50);
    expect(md).toContain('- … and 10 more');
  });
});
