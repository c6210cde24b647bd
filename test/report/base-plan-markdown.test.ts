import { basePlanMarkdown, basePlanMarker } from '../../src/report/base-plan-markdown';
import { PlanSummary } from '../../src/report/plan-summary';

const summary = (over: Partial<PlanSummary> = {}): PlanSummary => ({
  counts: { create: 1, update: 2, replace: 0, delete: 1, read: 0, 'no-op': 10 },
  destroyed: ['aws_lb.ingress_3_load_balancer'],
  replaced: [],
  imageChanges: [],
  hasChanges: true,
  ...over,
});
const input = { diff: '  # aws_lb.ingress_3_load_balancer will be destroyed', tier: 'stage', vpcName: 'stage-main', commit: 'abc1234', planJsonPath: 'plan.json' };

describe('plan.md of a base', () => {
  it('carries its own marker per tier, apart from env plans', () => {
    const md = basePlanMarkdown({ ...input, summary: summary(), contract: [], liveEnvs: [] });
    expect(md.startsWith(`${basePlanMarker('stage')}\n`)).toBe(true);
    expect(basePlanMarker('stage')).toBe('<!-- branchenv-base-plan: stage -->');
    expect(md).toContain('**1 to add, 2 to change, 1 to destroy**');
    expect(md).toContain('- 🔥 **destroy** `aws_lb.ingress_3_load_balancer`');
    expect(md).not.toContain('base contract');
  });

  it('puts contract changes first, naming the live envs that read them', () => {
    const md = basePlanMarkdown({ ...input, summary: summary(), contract: [{ output: 'https_listener_arns', how: 'changed' }], liveEnvs: ['demo/feature-a', 'demo/develop'] });
    const contractAt = md.indexOf('Changes the base contract');
    expect(contractAt).toBeGreaterThan(0);
    expect(contractAt).toBeLessThan(md.indexOf('destroyed'));
    expect(md).toContain('- `https_listener_arns` is **changed**');
    expect(md).toContain('2 live env(s) read it: `demo/feature-a`, `demo/develop`. `env base apply` refuses this plan without `--force`.');
  });

  it('stays under the size limit, saying what it cut', () => {
    const md = basePlanMarkdown({ ...input, diff: 'x'.repeat(80).concat('\n').repeat(2000), summary: summary(), contract: [], liveEnvs: [], limit: 10_000 });
    expect(md.length).toBeLessThanOrEqual(10_000);
    expect(md).toMatch(/… cut \d+ more lines .* the whole plan is in plan\.json/);
  });
});
