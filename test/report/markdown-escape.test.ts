import fc from 'fast-check';
import { markdownCode } from '../../src/report/markdown-escape';

// A CommonMark renderer (commonmark.js, installed with cdktf-cli's jsii tools) checks what the
// escaped text becomes. GitHub's own additions (tables, @mentions, autolinks) are not in it: GitHub
// leaves code spans alone for those, and the table rule is checked on its own below.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const commonmark = require('commonmark') as {
  Parser: new () => { parse(md: string): unknown };
  HtmlRenderer: new () => { render(doc: unknown): string };
};
const render = (md: string) => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(md));
const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Text rich in what Markdown, HTML and GitHub read as syntax. */
const META = [...'`*_[]()<>!#|@~\\&"\'-+=.:/ \n\r\t{}$%'];
const hostile = fc.array(fc.oneof(fc.constantFrom(...META), fc.constantFrom('x', 'img src=x', 'http://evil', '@bob', '#12', ':smile:', '<!--', '-->', '```')), { maxLength: 30 }).map((parts) => parts.join(''));
const anyText = fc.oneof(hostile, fc.string({ maxLength: 40 }));
/** Plain text: nothing that Markdown reads. */
const plain = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._/:-]{0,40}[A-Za-z0-9]$/);

describe('markdownCode: user text in a pull-request comment', () => {
  it('renders any text as one code span holding exactly that text (line breaks as spaces): no link, image, HTML or emphasis', () => {
    fc.assert(
      fc.property(anyText.filter((s) => s.length > 0 && !s.includes('\0')), (text) => {
        const expected = text.replace(/\r\n?|\n/g, ' ');
        expect(render(`before ${markdownCode(text)} after`)).toBe(`<p>before <code>${html(expected)}</code> after</p>\n`);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no backtick run inside that could close the span early, and no line break', () => {
    fc.assert(
      fc.property(anyText.filter((s) => s.length > 0), (text) => {
        const out = markdownCode(text);
        const fence = /^`+/.exec(out)![0];
        expect(out.endsWith(fence)).toBe(true);
        const inner = out.slice(fence.length, out.length - fence.length);
        expect((inner.match(/`+/g) ?? []).every((run) => run.length < fence.length)).toBe(true);
        expect(out).not.toMatch(/[\r\n]/);
      }),
    );
  });

  it('leaves plain text as it is, in single backticks', () => {
    fc.assert(fc.property(plain, (text) => void expect(markdownCode(text)).toBe(`\`${text}\``)));
    expect(markdownCode('aws_ecs_task_definition.api_task')).toBe('`aws_ecs_task_definition.api_task`');
  });

  it('in a table cell, escapes every pipe so that GitHub keeps the cell whole', () => {
    fc.assert(
      fc.property(anyText.filter((s) => s.length > 0), (text) => {
        const out = markdownCode(text, 'table');
        // GitHub (cmark-gfm) splits a row at a pipe that is not the second half of a backslash pair.
        const cells = splitRow(`| ${out} | x |`);
        expect(cells).toHaveLength(2);
        expect(cells[0].replace(/\\\|/g, '|')).toBe(markdownCode(text.replace(/\\(?=\|)/g, '\\\u200b')).trim());
      }),
    );
    expect(markdownCode('a|b', 'table')).toBe('`a\\|b`');
  });

  it('shows the branch of the issue as text', () => {
    expect(render(markdownCode('x](http://evil)<img src=x>'))).toBe('<p><code>x](http://evil)&lt;img src=x&gt;</code></p>\n');
    expect(markdownCode('fix-`x`')).toBe('`` fix-`x` ``');
    expect(markdownCode('')).toBe('` `');
  });
});

/** Cells of a GFM table row, as cmark-gfm's scanner splits it: `\` takes the next character with it. */
function splitRow(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\' && i + 1 < row.length) cell += row[i] + row[++i];
    else if (row[i] === '|') (cells.push(cell.trim()), (cell = ''));
    else cell += row[i];
  }
  return cells.slice(1);
}
