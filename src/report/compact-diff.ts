/**
 * A resource block of terraform's plan, cut to what a reviewer reads: changed lines and the
 * brackets around them, with each changed element's `name`; dropped: unchanged lines,
 * `(known after apply)` values, the "unchanged attributes hidden" notes, and `tags_all` when it only
 * repeats `tags` or the tags every resource gets. Secrets stay as terraform prints them:
 * `(sensitive value)`.
 */
import { attributeOf, blockTree, BlockNode, markerOf } from './plan-text';

/** A new heredoc longer than this is summarized by its line count. */
const HEREDOC_LINES = 12;

/** The entries of a map block, one text each, to compare `tags_all` with `tags`. */
function entries(node: BlockNode): string[] {
  return node.children.map((c) => c.line.trim().replace(/^[-+~]\s+/, '').replace(/\s+=\s+/, ' = '));
}

function noise(line: string): boolean {
  return /\(known after apply\)\s*$/.test(line) || /^\s*# \(\d+ unchanged (attributes?|blocks?|elements?) hidden\)\s*$/.test(line);
}

function render(node: BlockNode, out: string[], skipTags: ReadonlySet<string>): boolean {
  if (node.text) return false;
  // A heredoc is one value: all of it when its line changed, none of it otherwise.
  if (node.children.length > 0 && node.children.every((c) => c.text)) {
    if (markerOf(node.line) === undefined) return false;
    // A new text (a rendered config file of a new resource) is counted, not shown; a changed one is shown whole.
    const shown = markerOf(node.line) === '+' && node.children.length > HEREDOC_LINES ? [`${node.children[0].line.replace(/\S.*$/, '')}# (${node.children.length} lines of text)`] : node.children.map((c) => c.line);
    out.push(node.line, ...shown);
    if (node.closer !== undefined) out.push(node.closer);
    return true;
  }
  const kept: string[] = [];
  let changed = false;
  const tags = node.children.find((c) => attributeOf(c.line) === 'tags');
  for (const child of node.children) {
    if (noise(child.line)) continue;
    // tags_all is the provider's default tags plus tags: noise unless it holds an entry neither has.
    if (attributeOf(child.line) === 'tags_all' && entries(child).every((e) => skipTags.has(e) || (tags !== undefined && entries(tags).includes(e)))) continue;
    const inner: string[] = [];
    const childChanged = render(child, inner, skipTags);
    if (childChanged || (markerOf(child.line) !== undefined && child.children.length === 0)) {
      kept.push(...inner);
      changed = true;
    }
  }
  if (!changed && markerOf(node.line) === undefined) return false;
  out.push(node.line);
  // The name of a changed element says which one it is (a container in a task definition).
  const name = node.children.find((c) => markerOf(c.line) === undefined && attributeOf(c.line) === 'name');
  if (name && changed && !kept.includes(name.line)) out.push(name.line);
  out.push(...kept);
  if (node.closer !== undefined) out.push(node.closer);
  return true;
}

/** The compact form of one resource block; `commonTags`: `tags_all` entries every resource shares. */
export function compactBlock(lines: readonly string[], commonTags: ReadonlySet<string> = new Set()): string[] {
  if (lines.length === 0) return [];
  const out: string[] = [];
  render(blockTree(lines), out, commonTags);
  return out.length > 0 ? out : [lines[0], lines[lines.length - 1]];
}

/** `tags_all` entries every resource block with a `tags_all` has: the provider's default tags. */
export function sharedTags(blocks: readonly (readonly string[])[]): Set<string> {
  let common: Set<string> | undefined;
  for (const lines of blocks) {
    for (const child of blockTree(lines).children) {
      if (attributeOf(child.line) !== 'tags_all') continue;
      const here = new Set(entries(child));
      common = common === undefined ? here : new Set([...common].filter((e) => here.has(e)));
    }
  }
  return common ?? new Set();
}
