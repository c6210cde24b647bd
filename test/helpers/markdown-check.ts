// Structural checks of a GitHub-flavoured Markdown document (plan.md is posted as a PR comment).
// marked's GFM lexer decides what is a table, a code block, raw HTML or a code span; the rules below
// then check what the lexer accepts silently but GitHub renders wrongly (GFM is forgiving: a broken
// table is just a paragraph, an unclosed fence swallows the rest of the comment, HTML tags that
// GitHub strips leave their content dangling).
import { Lexer, type Token, type Tokens } from 'marked';

/** GitHub refuses issue and pull-request comments longer than this (in characters). */
export const GITHUB_COMMENT_LIMIT = 65536;

/**
 * Raw HTML a plan comment may use. details/summary fold long sections, br breaks lines inside
 * table cells, sub/sup/b are GitHub's own vocabulary for small print and emphasis. Also allowed:
 * code, strong and em, because Markdown is not parsed inside an HTML block such as `<summary>`, so
 *  `<code>`/`<strong>`/`<em>` are the only way to format a summary line; and a, for a link
 * inside a summary for the same reason. HTML comments `<!-- … -->` are allowed (markers for
 * updating a comment in place).
 */
export const ALLOWED_HTML_TAGS: readonly string[] = ['details', 'summary', 'br', 'sub', 'sup', 'b', 'code', 'strong', 'em', 'a'];

const VOID_TAGS = new Set(['br']);

export interface MarkdownCheckOptions {
  /** @default GITHUB_COMMENT_LIMIT */
  readonly maxLength?: number;
  /** @default ALLOWED_HTML_TAGS */
  readonly allowedTags?: readonly string[];
}

/** The problem with the document's length, if it is longer than a GitHub comment may be. */
export function lengthProblem(md: string, maxLength: number = GITHUB_COMMENT_LIMIT): string | undefined {
  // GitHub counts characters (code points), not UTF-16 units: an emoji counts once.
  const length = Array.from(md).length;
  return length > maxLength ? `document is ${length} characters, over GitHub's comment limit of ${maxLength}` : undefined;
}

/** Every structural problem of the document, each with its line number; empty when it is fine. */
export function markdownProblems(md: string, options: MarkdownCheckOptions = {}): string[] {
  const src = md.replace(/\r\n?/g, '\n');
  const located: Located[] = [];
  locate(new Lexer({ gfm: true }).lex(src), src, 0, located);
  const lineStarts = [0, ...Array.from(src.matchAll(/\n/g), (m) => (m.index ?? 0) + 1)];
  const lineAt = (offset: number) => {
    let [low, high] = [0, lineStarts.length]; // binary search: the number of line starts <= offset
    while (low < high) {
      const mid = (low + high) >> 1;
      if (lineStarts[mid] <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const tooLong = lengthProblem(md, options.maxLength ?? GITHUB_COMMENT_LIMIT);
  return [
    ...(tooLong ? [tooLong] : []),
    ...located.flatMap((l) => tableProblems(l, lineAt)),
    ...located.flatMap((l) => fenceProblems(l, lineAt)),
    ...located.flatMap((l) => htmlBlockProblems(l, lineAt)),
    ...htmlProblems(located, lineAt, new Set(options.allowedTags ?? ALLOWED_HTML_TAGS)),
  ];
}

interface Located {
  readonly token: Token;
  /** Where the token's raw text starts in the source (its parent's start when not found verbatim). */
  readonly offset: number;
}

/** Flattens the token tree in document order, finding each token's offset in the source. */
function locate(tokens: readonly Token[], src: string, from: number, out: Located[]): number {
  let cursor = from;
  for (const token of tokens) {
    const at = token.raw ? src.indexOf(token.raw, cursor) : -1;
    const offset = at >= 0 ? at : cursor;
    if (at >= 0) cursor = at + token.raw.length;
    out.push({ token, offset });
    if (token.type === 'table') {
      const table = token as Tokens.Table;
      let inner = offset;
      for (const cell of [...table.header, ...table.rows.flat()]) inner = locate(cell.tokens, src, inner, out);
    } else if (token.type === 'list') {
      locate((token as Tokens.List).items, src, offset, out);
    } else if ('tokens' in token && Array.isArray(token.tokens)) {
      locate(token.tokens, src, offset, out);
    }
  }
  return cursor;
}

/** GFM's cell split: every unescaped `|` separates cells, even inside a code span. */
function cells(row: string): string[] {
  let s = row.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  return s.split(/(?<!\\)\|/);
}

const DELIMITER_ROW = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const PIPE_IN_CODE_SPAN = /`[^`]*(?<!\\)\|[^`]*`/;

function tableProblems({ token, offset }: Located, lineAt: (offset: number) => number): string[] {
  const lines = token.raw.replace(/\n+$/, '').split('\n');
  const first = lineAt(offset);
  if (token.type === 'paragraph' || (token.type === 'text' && (token as Tokens.Text).tokens !== undefined)) {
    // A header and a delimiter row with different cell counts is no table: GitHub shows the pipes.
    return lines.flatMap((line, i) => {
      const next = lines[i + 1];
      if (next === undefined || !DELIMITER_ROW.test(next) || !/(?<!\\)\|/.test(line + next)) return [];
      return [`line ${first + i}: table header has ${cells(line).length} cells but its delimiter row has ${cells(next).length}, so GitHub shows it as text`];
    });
  }
  if (token.type !== 'table') return [];
  const width = cells(lines[0]).length;
  return lines.slice(2).flatMap((row, i) => {
    const line = first + 2 + i;
    if (!/(?<!\\)\|/.test(row)) return [`line ${line}: "${row.trim()}" has no | so it is swallowed into the table above as a row; add a blank line before it`];
    const n = cells(row).length;
    if (n === width) return [];
    const hint = PIPE_IN_CODE_SPAN.test(row) ? ' (a | inside a code span still separates cells: escape it as \\|)' : '';
    return [`line ${line}: table row has ${n} cells but the header has ${width}${hint}`];
  });
}

function fenceProblems({ token, offset }: Located, lineAt: (offset: number) => number): string[] {
  if (token.type !== 'code' || (token as Tokens.Code).codeBlockStyle === 'indented') return [];
  const lines = token.raw.replace(/\n+$/, '').split('\n');
  const open = /^\s*(`{3,}|~{3,})/.exec(lines[0]);
  if (!open) return [];
  const close = lines.length > 1 ? /^\s*(`{3,}|~{3,})\s*$/.exec(lines[lines.length - 1]) : null;
  const closes = close !== null && close[1][0] === open[1][0] && close[1].length >= open[1].length;
  return closes ? [] : [`line ${lineAt(offset)}: code fence ${open[1]} is never closed (needs a line of at least ${open[1].length} ${open[1][0]}), so it swallows the rest of its block`];
}

/** Markdown inside an HTML block (no blank line after `<summary>…</summary>`) is shown verbatim. */
function htmlBlockProblems({ token, offset }: Located, lineAt: (offset: number) => number): string[] {
  if (token.type !== 'html' || !(token as Tokens.HTML).block || /^\s*<!--/.test(token.raw)) return [];
  const first = lineAt(offset);
  const lines = token.raw.replace(/\n+$/, '').split('\n');
  const i = lines.findIndex((line, n) => n > 0 && /^\s*(\||```|~~~|#{1,6}\s|[-*+]\s|\d+\.\s|>)/.test(line));
  return i < 0 ? [] : [`line ${first + i}: Markdown inside the HTML block that starts on line ${first} is shown as raw text; add a blank line before it`];
}

interface OpenTag {
  readonly name: string;
  readonly line: number;
  hasSummary: boolean;
}

const TAG = /<!--[\s\S]*?-->|<!--|<(\/?)([A-Za-z][A-Za-z0-9-]*)(?:[\s/][^>]*)?>/g;

function htmlProblems(located: readonly Located[], lineAt: (offset: number) => number, allowed: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const stack: OpenTag[] = [];
  const html = located.filter((l) => l.token.type === 'html').sort((a, b) => a.offset - b.offset);
  for (const { token, offset } of html) {
    for (const m of token.raw.matchAll(TAG)) {
      const line = lineAt(offset + (m.index ?? 0));
      if (m[0] === '<!--') problems.push(`line ${line}: HTML comment is never closed with -->, so it hides the rest of the document`);
      if (m[2] === undefined) continue;
      const name = m[2].toLowerCase();
      if (!allowed.has(name)) {
        problems.push(`line ${line}: <${m[1]}${name}> is not allowed raw HTML (allowed: ${[...allowed].join(', ')})`);
      } else if (VOID_TAGS.has(name)) {
        continue;
      } else if (m[1] === '') {
        const parent = stack[stack.length - 1];
        if (name === 'summary') {
          if (parent?.name !== 'details') problems.push(`line ${line}: <summary> outside a <details>`);
          else if (parent.hasSummary) problems.push(`line ${line}: second <summary> in the <details> opened on line ${parent.line}`);
          else parent.hasSummary = true;
        }
        stack.push({ name, line, hasSummary: false });
      } else if (!stack.some((t) => t.name === name)) {
        problems.push(`line ${line}: </${name}> closes nothing`);
      } else {
        for (let top = stack.pop(); top && top.name !== name; top = stack.pop()) {
          problems.push(`line ${top.line}: <${top.name}> is not closed before </${name}> on line ${line}`);
        }
      }
    }
  }
  return [...problems, ...stack.map((t) => `line ${t.line}: <${t.name}> is never closed`)];
}
