/** Where the text goes: running text, or a table cell. */
export type MarkdownContext = 'prose' | 'table';

/**
 * The one escape for user text (branch, commit, set, env, image references, resource addresses)
 * in Markdown that reaches a pull request: an inline code span. Inside one, CommonMark reads no
 * emphasis, link, image or HTML, and GitHub adds no @mention, #issue link, autolink or emoji; a
 * backslash would not do that (GitHub still mentions `\@name`: github/markup#1168). What is left
 * to escape is what can end the span or the line around it:
 *
 * - backticks: the fence is one backtick longer than the longest run inside, and a space pads
 *   text that starts or ends with a backtick (CommonMark strips one space from each end);
 * - line breaks, which could end the paragraph or the table row: written as spaces;
 * - in a table cell, `|`, which GitHub splits cells at even inside code: written `\|`, and a
 *   backslash right before it is kept apart by a zero-width space so the two do not pair up.
 */
export function markdownCode(text: string, where: MarkdownContext = 'prose'): string {
  let content = text.replace(/\r\n?|\n/g, ' ');
  if (where === 'table') content = content.replace(/\\(?=\|)/g, '\\\u200b').replace(/\|/g, '\\|');
  if (content.length === 0) return '` `';
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const stripped = content.startsWith(' ') && content.endsWith(' ') && content.trim().length > 0;
  const pad = content.startsWith('`') || content.endsWith('`') || stripped ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}
