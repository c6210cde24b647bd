import { planMarkdown, planMarker } from '../../src/report/plan-markdown';
import { planInput } from '../helpers/plan-md-input';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonmark = require('commonmark') as {
  Parser: new () => { parse(md: string): unknown };
  HtmlRenderer: new () => { render(doc: unknown): string };
};
const render = (md: string) => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(md));

const BRANCH = 'x](http://evil)<img src=x> *bold* _it_ `tick` | pipe @octocat #1';
const TEXT = [
  'Terraform will perform the following actions:',
  '',
  '  # aws_s3_object.o["<img src=x>"] will be destroyed',
  '  - resource "aws_s3_object" "o" {',
  '      - key = "<img src=x>" -> null',
  '    }',
  '',
  '  # aws_ecs_task_definition.t["a*b*"] must be replaced',
  '-/+ resource "aws_ecs_task_definition" "t" {',
  '      ~ family = "a" -> "b" # forces replacement',
  '    }',
  '',
].join('\n');
const md = planMarkdown(
  planInput(TEXT, {
    set: 'demo_*',
    branch: BRANCH,
    commit: 'abc`1234`<i>',
    images: [{ service: 'x|y', from: 'evil.io/a:`1`', to: 'evil.io/a:2)<b>', source: 'branch' }],
  }),
);
const htmlOut = render(md);
/** Our own HTML (folds, bold group names, the footer) is not user text. */
const userHtml = htmlOut.replace(/<\/?(details|summary|sub)>|<b>(web|api|worker|env \(shared\))<\/b>/g, '');

describe('plan.md with user text that looks like Markdown or HTML', () => {
  it('renders no link, image, emphasis or HTML of the user: only code spans', () => {
    expect(userHtml).not.toMatch(/<img|<a |<em>|<b>|<i>/);
    // The only strong text is ours: the counts and the destroy / replace labels.
    expect(htmlOut.match(/<strong>[^<]*<\/strong>/g)).toEqual(['<strong>1 to add, 0 to change, 2 to destroy (1 replaced)</strong>', '<strong>destroy</strong>', '<strong>replace</strong>']);
  });

  it('shows the branch, commit, set and addresses as written, each in one code span', () => {
    // In a table cell (CommonMark has no tables; GitHub reads `\|` as a `|` inside the cell).
    expect(htmlOut).toContain('<code>x](http://evil)&lt;img src=x&gt; *bold* _it_ `tick` \\| pipe @octocat #1</code>');
    expect(htmlOut).toContain('<code>abc`1234`&lt;i&gt;</code>');
    expect(htmlOut).toContain('<code>demo_*</code>');
    expect(htmlOut).toContain('<code>aws_s3_object.o[&quot;&lt;img src=x&gt;&quot;]</code>');
    expect(htmlOut).toContain('<code>aws_ecs_task_definition.t[&quot;a*b*&quot;]</code>: <code>family forces replacement</code>');
  });

  it('keeps the image table row at four cells', () => {
    const row = md.split('\n').find((line) => line.includes('x\\|y'));
    expect(row).toBe('| `x\\|y` | `` evil.io/a:`1` `` | `evil.io/a:2)<b>` | branch |');
  });

  it('keeps user text in the diff inside its fence', () => {
    expect(htmlOut).toContain('-       key = &quot;&lt;img src=x&gt;&quot; -&gt; null');
  });

  it('keeps the hidden marker one HTML comment whatever the names', () => {
    expect(planMarker('stage', 'demo --><img src=x>', 'feature-x')).toBe('<!-- branchenv-plan: stage/demo_--__img_src_x_/feature-x -->');
    expect(planMarker('stage', 'demo', 'feature-x')).toBe('<!-- branchenv-plan: stage/demo/feature-x -->');
  });
});
