/**
 * Terraform's own human-readable plan (what `terraform plan` prints), read back into its parts:
 * one block per resource with its action, the "(because …)" reasons and the attributes that force a
 * replacement; the output changes; the counts. plan.md and the terminal summary are built from it,
 * so that a plan needs no `terraform show -json` (which starts the provider a second time).
 */
import type { ChangeKind } from './plan-summary';

export interface PlanTextResource {
  readonly address: string;
  readonly kind: ChangeKind;
  /** Terraform's reasons, e.g. `because terraform_data.gone is not in configuration`. */
  readonly reasons: readonly string[];
  /** Attributes marked `# forces replacement`, top level first (`container_definitions`). */
  readonly forcedBy: readonly string[];
  /** The block from its `resource "type" "name" {` line to its closing brace, as terraform printed it. */
  readonly lines: readonly string[];
}

export interface PlanTextOutput {
  readonly name: string;
  readonly kind: ChangeKind;
  readonly lines: readonly string[];
}

export interface PlanText {
  readonly resources: readonly PlanTextResource[];
  readonly outputs: readonly PlanTextOutput[];
}

const HEADER = /^ {2}# (.+?) (will be created|will be updated in-place|must be replaced|is tainted, so must be replaced|will be replaced, as requested|will be destroyed|will be read during apply|has moved to .+)$/;

function kindOf(phrase: string): ChangeKind {
  if (phrase === 'will be created') return 'create';
  if (phrase === 'will be updated in-place') return 'update';
  if (phrase === 'will be destroyed') return 'delete';
  if (phrase === 'will be read during apply') return 'read';
  if (phrase.startsWith('has moved to')) return 'no-op';
  return 'replace';
}

/** The change marker a diff line starts with (`+`, `-`, `~`, `-/+`, `+/-`, `<=`), or undefined. */
export function markerOf(line: string): string | undefined {
  return /^\s*(-\/\+|\+\/-|<=|[-+~])\s/.exec(line)?.[1];
}

/** The attribute a line assigns (`~ image = …` → image; `"branch" = …` → branch). */
export function attributeOf(line: string): string | undefined {
  return /^\s*(?:(?:-\/\+|\+\/-|<=|[-+~])\s+)?"?([A-Za-z0-9_.:/-]+)"?\s+=/.exec(line)?.[1];
}

/** One line of a resource block, with the lines its bracket (or heredoc) holds and the line that closes it. */
export interface BlockNode {
  readonly line: string;
  readonly children: BlockNode[];
  closer?: string;
  /** A line of a heredoc's text: its leading "-" or "+" is text, not a change marker. */
  readonly text?: boolean;
}

const OPENS = /(\{|\[|\(|<<-?EOT)\s*$/;
const CLOSES = /^\s*(?:[-+~]\s+)?(\}|\]|\)|EOT)/;
const HEREDOC_OPENS = /<<-?EOT\s*$/;
const HEREDOC_CLOSES = /^\s*EOT,?\s*$/;

/** A resource block as the tree of its brackets: the first line is the root, the last its closer. */
export function blockTree(lines: readonly string[]): BlockNode {
  const root: BlockNode = { line: lines[0] ?? '', children: [] };
  const stack: BlockNode[] = [root];
  let heredoc: BlockNode | undefined;
  for (const line of lines.slice(1, -1)) {
    if (heredoc) {
      if (HEREDOC_CLOSES.test(line)) {
        heredoc.closer = line;
        heredoc = undefined;
      } else heredoc.children.push({ line, children: [], text: true });
      continue;
    }
    const top = stack[stack.length - 1];
    if (CLOSES.test(line) && stack.length > 1) {
      top.closer = line;
      stack.pop();
      continue;
    }
    const node: BlockNode = { line, children: [] };
    top.children.push(node);
    if (HEREDOC_OPENS.test(line)) heredoc = node;
    else if (OPENS.test(line)) stack.push(node);
  }
  root.closer = lines[lines.length - 1];
  return root;
}

const FORCES = '# forces replacement';

/**
 * Attributes whose value terraform marks `# forces replacement`, in the order of the marks: the
 * attribute of the marked line, or for a mark on a closing bracket the attribute the bracket belongs
 * to (the nearest one around it).
 */
function forcedAttributes(lines: readonly string[]): string[] {
  const forced = new Set<string>();
  const visit = (node: BlockNode, around: readonly (string | undefined)[]) => {
    if (node.text) return;
    const own = attributeOf(node.line);
    if (node.line.includes(FORCES) && own) forced.add(own);
    for (const child of node.children) visit(child, [...around, own]);
    if (node.closer?.includes(FORCES)) {
      const name = own ?? [...around].reverse().find((a) => a !== undefined);
      if (name) forced.add(name);
    }
  };
  for (const child of blockTree(lines).children) visit(child, []);
  return [...forced];
}

/** The resource blocks and output changes of terraform's human-readable plan. */
export function parsePlanText(text: string): PlanText {
  const lines = text.split('\n');
  const resources: PlanTextResource[] = [];
  const outputs: PlanTextOutput[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = HEADER.exec(lines[i]);
    if (header) {
      const reasons: string[] = [];
      let j = i + 1;
      for (; j < lines.length && /^ {2}# \(.*\)$/.test(lines[j]); j++) reasons.push(lines[j].slice(5, -1));
      const start = j;
      while (j < lines.length && lines[j] !== '    }') j++;
      const block = lines.slice(start, j + 1);
      resources.push({ address: header[1], kind: kindOf(header[2]), reasons, forcedBy: forcedAttributes(block), lines: block });
      i = j;
      continue;
    }
    if (lines[i] === 'Changes to Outputs:') {
      for (i++; i < lines.length && lines[i].startsWith('  '); i++) {
        const entry = /^ {2}([-+~]) ([A-Za-z0-9_-]+)\s+=/.exec(lines[i]);
        if (entry) outputs.push({ name: entry[2], kind: entry[1] === '+' ? 'create' : entry[1] === '-' ? 'delete' : 'update', lines: [lines[i]] });
        else if (outputs.length > 0) (outputs[outputs.length - 1].lines as string[]).push(lines[i]);
      }
    }
  }
  return { resources, outputs };
}
