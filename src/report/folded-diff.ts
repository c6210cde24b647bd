/**
 * The end of every plan.md: the plan's text folded in a details block under `head`, cut at a line
 * end so the whole stays under `limit` characters, saying what was cut and where the whole plan is.
 */
export function withFoldedDiff(head: readonly string[], diffText: string, limit: number, planJsonPath: string): string {
  const open = '<details><summary>Full plan</summary>\n\n```\n';
  const close = '\n```\n</details>\n';
  const diff = diffText.replace(/```/g, '`\u200b``').trimEnd();
  const fixed = head.join('\n') + open + close;
  const room = limit - fixed.length - 300;
  if (diff.length <= room) return head.join('\n') + open + diff + close;
  const cutAt = Math.max(0, diff.lastIndexOf('\n', room));
  const kept = diff.slice(0, cutAt);
  const cutLines = diff.slice(cutAt).split('\n').length - 1;
  const notice = `\n… cut ${cutLines} more lines (${diff.length - kept.length} characters) to stay under ${limit.toLocaleString('en-US')} characters; the whole plan is in ${planJsonPath}`;
  return head.join('\n') + open + kept + notice + close;
}
