import { planMarkdown, planMarker } from '../../src/report/plan-markdown';
import { PlanSummary } from '../../src/report/plan-summary';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonmark = require('commonmark') as {
  Parser: new () => { parse(md: string): unknown };
  HtmlRenderer: new () => { render(doc: unknown): string };
};
const render = (md: string) => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(md));

const BRANCH = 'x](http://evil)<img src=x> *bold* _it_ `tick` | pipe @octocat #1';
const summary: PlanSummary = {
  counts: { create: 1, update: 0, replace: 1, delete: 1, read: 0, 'no-op': 0 },
  destroyed: ['aws_s3_object.o["<img src=x>"]'],
  replaced: [{ address: 'aws_ecs_task_definition.t["a*b*"]', reason: 'replace_because_cannot_update' }],
  imageChanges: [{ container: 'aws_ecs_task_definition.t["x|y"] app', from: 'evil.io/a:`1`', to: 'evil.io/a:2)<b>' }],
  hasChanges: true,
};
const md = planMarkdown({
  summary,
  diff: '+ value = "<img src=x>"',
  tier: 'stage',
  set: 'demo_*',
  env: 'feature-x',
  branch: BRANCH,
  commit: 'abc`1234`<i>',
  planJsonPath: 'x/plan.json',
});
const htmlOut = render(md);

describe('plan.md with user text that looks like Markdown or HTML', () => {
  it('renders no link, image, emphasis or HTML of the user: only code spans', () => {
    expect(htmlOut).not.toMatch(/<img|<a |<em>|<b>|<i>/);
    // The only strong text is ours: the counts and the destroy / replace labels.
    expect(htmlOut.match(/<strong>[^<]*<\/strong>/g)).toEqual([
      '<strong>2 to add, 0 to change, 2 to destroy (1 replaced)</strong>',
      '<strong>destroy</strong>',
      '<strong>replace</strong>',
    ]);
  });

  it('shows the branch, commit, set and addresses as written, each in one code span', () => {
    expect(htmlOut).toContain('<code>x](http://evil)&lt;img src=x&gt; *bold* _it_ `tick` | pipe @octocat #1</code>');
    expect(htmlOut).toContain('<code>abc`1234`&lt;i&gt;</code>');
    expect(htmlOut).toContain('<code>demo_*</code>');
    expect(htmlOut).toContain('<code>aws_s3_object.o[&quot;&lt;img src=x&gt;&quot;]</code>');
    expect(htmlOut).toContain('<code>aws_ecs_task_definition.t[&quot;a*b*&quot;]</code> (replace because cannot update)');
  });

  it('keeps the image table row at three cells', () => {
    const row = md.split('\n').find((line) => line.includes('x\\|y'));
    expect(row).toBe('| `aws_ecs_task_definition.t["x\\|y"] app` | `` evil.io/a:`1` `` | `evil.io/a:2)<b>` |');
  });

  it('keeps the hidden marker one HTML comment whatever the names', () => {
    expect(planMarker('stage', 'demo --><img src=x>', 'feature-x')).toBe('<!-- branchenv-plan: stage/demo_--__img_src_x_/feature-x -->');
    expect(planMarker('stage', 'demo', 'feature-x')).toBe('<!-- branchenv-plan: stage/demo/feature-x -->');
  });
});
