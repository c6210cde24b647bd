import { readFileSync } from 'fs';
import { join } from 'path';
import { GITHUB_COMMENT_LIMIT, lengthProblem, markdownProblems } from '../helpers/markdown-check';

const sample = readFileSync(join(__dirname, '..', 'fixtures', 'plan-md', 'sample.md'), 'utf8');

/** Asserts exactly one problem, containing every fragment given. */
function expectOneProblem(md: string, ...fragments: string[]): void {
  const problems = markdownProblems(md);
  expect(problems).toHaveLength(1);
  for (const fragment of fragments) expect(problems[0]).toContain(fragment);
}

describe('markdownProblems', () => {
  test('the hand-written sample plan has no problems', () => {
    expect(markdownProblems(sample)).toEqual([]);
  });

  test('plain prose, lists and headings have no problems', () => {
    expect(markdownProblems('# Plan\n\nSome text with a | pipe.\n\n- one\n- two\n')).toEqual([]);
  });

  describe('tables', () => {
    test('a well-formed table passes, with or without outer pipes and with escaped pipes', () => {
      expect(markdownProblems('| a | b |\n|---|:-:|\n| 1 | `x\\|y` |\n')).toEqual([]);
      expect(markdownProblems('a | b\n--|--\n1 | 2\n')).toEqual([]);
    });

    test('a delimiter row with fewer cells than the header is no table', () => {
      expectOneProblem('intro\n\n| a | b | c |\n|---|---|\n| 1 | 2 | 3 |\n', 'line 3', 'header has 3 cells', 'delimiter row has 2');
    });

    test('a body row with more cells than the header fails', () => {
      expectOneProblem('| a | b |\n|---|---|\n| 1 | 2 | 3 |\n', 'line 3', 'has 3 cells but the header has 2');
    });

    test('a body row with fewer cells than the header fails', () => {
      expectOneProblem('| a | b |\n|---|---|\n| 1 |\n', 'line 3', 'has 1 cells but the header has 2');
    });

    test('an unescaped | inside a code span splits the cell, as on GitHub', () => {
      expectOneProblem('| a | b |\n|---|---|\n| 1 | `x|y` |\n', 'line 3', 'has 3 cells', 'escape it as \\|');
    });

    test('text right after a table without a blank line is swallowed as a row', () => {
      expectOneProblem('| a | b |\n|---|---|\n| 1 | 2 |\nTotal: 3\n', 'line 4', '"Total: 3"', 'blank line');
    });

    test('pipes in a code block are not a table', () => {
      expect(markdownProblems('```\n| a | b |\n|---|\n| 1 | 2 | 3 |\n```\n')).toEqual([]);
    });

    test('tables inside a details block are checked too', () => {
      expectOneProblem('<details>\n<summary>s</summary>\n\n| a |\n|---|\n| 1 | 2 |\n\n</details>\n', 'line 6', 'has 2 cells');
    });
  });

  describe('code fences', () => {
    test('closed fences pass, including a longer closing fence and ~~~ fences', () => {
      expect(markdownProblems('```diff\n- a\n+ b\n```\n\n~~~\nx\n~~~~\n')).toEqual([]);
    });

    test('a fence that contains a shorter fence passes when closed by its own length', () => {
      expect(markdownProblems('````md\n```\ninner\n```\n````\n')).toEqual([]);
    });

    test('an unclosed ``` fence fails', () => {
      expectOneProblem('text\n\n```diff\n- a\n\n## Later heading\n', 'line 3', 'never closed');
    });

    test('a fence closed by a shorter fence is not closed', () => {
      expectOneProblem('````\ncode\n```\n', 'line 1', 'at least 4 `');
    });

    test('a fence closed with the other character is not closed', () => {
      expectOneProblem('~~~\ncode\n```\n', 'line 1', 'never closed');
    });
  });

  describe('details and summary', () => {
    test('nested details blocks pass', () => {
      const md = '<details>\n<summary>outer</summary>\n\n<details open>\n<summary>inner</summary>\n\ntext\n\n</details>\n\n</details>\n';
      expect(markdownProblems(md)).toEqual([]);
    });

    test('an unclosed details fails', () => {
      expectOneProblem('<details>\n<summary>s</summary>\n\ntext\n', 'line 1', '<details> is never closed');
    });

    test('a stray closing details fails', () => {
      expectOneProblem('text\n\n</details>\n', 'line 3', '</details> closes nothing');
    });

    test('a summary closed after its details is badly nested', () => {
      expect(markdownProblems('<details>\n<summary>s\n\n</details>\n\n</summary>\n')).toEqual([
        'line 2: <summary> is not closed before </details> on line 4',
        'line 6: </summary> closes nothing',
      ]);
    });

    test('a summary outside details fails, and so does a second summary', () => {
      expectOneProblem('<summary>s</summary>\n', 'line 1', 'outside a <details>');
      expectOneProblem('<details>\n<summary>a</summary>\n<summary>b</summary>\n\n</details>\n', 'line 3', 'second <summary>');
    });

    test('tags inside code spans and code blocks are not HTML', () => {
      expect(markdownProblems('Use `<details>` and:\n\n```html\n<details><script>\n```\n')).toEqual([]);
    });

    test('Markdown right after a summary without a blank line is not rendered', () => {
      expectOneProblem('<details>\n<summary>s</summary>\n```diff\n+ a\n```\n\n</details>\n', 'line 3', 'blank line');
    });
  });

  describe('raw HTML', () => {
    test('allowed tags and comments pass', () => {
      expect(markdownProblems('<!-- marker -->\n\na<br>b<br/>c <sub>small</sub> <sup>1</sup> <b>bold</b>\n')).toEqual([]);
    });

    test('a tag outside the allow-list fails, inline or as a block', () => {
      expect(markdownProblems('a <span style="color:red">red</span> word\n')).toEqual([
        expect.stringContaining('line 1: <span> is not allowed'),
        expect.stringContaining('line 1: </span> is not allowed'),
      ]);
      expect(markdownProblems('<div>\nx\n</div>\n')).toEqual([
        'line 1: <div> is not allowed raw HTML (allowed: details, summary, br, sub, sup, b, code, strong, em, a)',
        'line 3: </div> is not allowed raw HTML (allowed: details, summary, br, sub, sup, b, code, strong, em, a)',
      ]);
    });

    test('a self-closing tag is a tag too', () => {
      expectOneProblem('a<hr/>b\n', 'line 1', '<hr> is not allowed');
    });

    test('a script tag fails', () => {
      expect(markdownProblems('<script>alert(1)</script>\n').join('\n')).toContain('<script> is not allowed');
    });

    test('an unclosed HTML comment fails', () => {
      expectOneProblem('text\n\n<!-- hidden\n\n| a |\n|---|\n', 'line 3', 'never closed with -->');
    });

    test('the allow-list can be narrowed', () => {
      expect(markdownProblems('<b>x</b>\n', { allowedTags: ['details', 'summary'] })).toHaveLength(2);
    });
  });

  describe('length', () => {
    test('a document at the limit passes and one character more fails', () => {
      expect(lengthProblem('x'.repeat(GITHUB_COMMENT_LIMIT))).toBeUndefined();
      expect(lengthProblem('x'.repeat(GITHUB_COMMENT_LIMIT + 1))).toContain('over GitHub');
      expect(markdownProblems('x'.repeat(GITHUB_COMMENT_LIMIT + 1))).toEqual([`document is ${GITHUB_COMMENT_LIMIT + 1} characters, over GitHub's comment limit of ${GITHUB_COMMENT_LIMIT}`]);
    });

    test('characters are counted as code points, not UTF-16 units', () => {
      expect(lengthProblem('🔄'.repeat(3), 3)).toBeUndefined();
      expect(lengthProblem('🔄'.repeat(4), 3)).toContain('4 characters');
    });

    test('the limit can be lowered for a check with headroom', () => {
      expect(markdownProblems('hello\n', { maxLength: 3 })).toHaveLength(1);
    });
  });
});
