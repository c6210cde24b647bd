/**
 * Terraform's error blocks, whole, in the form terraform prints them: `Error: <summary>`, the resource,
 * file and line with the source line, then the detail. Read from its human output (errors go to stderr)
 * or from the diagnostics of a `-json` command (one JSON object per line on stdout).
 */

/** A diagnostic as `-json` commands report it (the fields used here). */
interface JsonDiagnostic {
  readonly severity?: string;
  readonly summary?: string;
  readonly detail?: string;
  readonly address?: string;
  readonly range?: { readonly filename?: string; readonly start?: { readonly line?: number } };
  readonly snippet?: { readonly context?: string | null; readonly code?: string; readonly start_line?: number };
}

/** Error blocks of terraform's human output; warnings and progress lines are left out. */
export function textErrorBlocks(output: string): string[] {
  const blocks: string[][] = [];
  let current: string[] | undefined;
  for (const raw of output.split('\n')) {
    // With colour, terraform frames each diagnostic: ╷ opens, │ prefixes, ╵ closes.
    if (/^\s*[╷╵]/.test(raw)) {
      current = undefined;
      continue;
    }
    const line = raw.replace(/^\s*│ ?/, '');
    if (/^Error: /.test(line)) blocks.push((current = [line]));
    else if (/^Warning: /.test(line)) current = undefined;
    else current?.push(line);
  }
  return blocks.map((block) => block.join('\n').trimEnd());
}

/** Error diagnostics among the JSON lines of a `-json` command, rendered as terraform prints them. */
export function jsonErrorBlocks(output: string): string[] {
  const blocks: string[] = [];
  for (const line of output.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    let message: { type?: string; diagnostic?: JsonDiagnostic };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    if (message.type === 'diagnostic' && message.diagnostic?.severity === 'error') blocks.push(renderDiagnostic(message.diagnostic));
  }
  return blocks;
}

function renderDiagnostic(d: JsonDiagnostic): string {
  const where: string[] = [];
  if (d.address) where.push(`  with ${d.address},`);
  if (d.range?.filename) {
    const context = d.snippet?.context ? `, in ${d.snippet.context}` : '';
    where.push(`  on ${d.range.filename} line ${d.range.start?.line ?? '?'}${context}:`);
  }
  if (d.snippet?.code !== undefined) {
    const first = d.snippet.start_line ?? d.range?.start?.line ?? 0;
    d.snippet.code.split('\n').forEach((code, i) => where.push(`${String(first + i).padStart(4)}: ${code}`));
  }
  const lines = [`Error: ${d.summary ?? 'terraform reported an error'}`];
  if (where.length > 0) lines.push('', ...where);
  if (d.detail) lines.push('', d.detail);
  return lines.join('\n');
}

export interface ErrorExcerptOptions {
  /** Lines kept at most; the rest is counted, not shown. @default 200 */
  readonly maxLines?: number;
}

/**
 * Every error block terraform reported (stderr's, else the `-json` diagnostics on stdout), whole;
 * when there is none (a crash, a killed process), the tail of its output.
 */
export function errorExcerpt(output: { readonly stdout: string; readonly stderr: string } | string, options: ErrorExcerptOptions = {}): string {
  const { stdout, stderr } = typeof output === 'string' ? { stdout: '', stderr: output } : output;
  const maxLines = options.maxLines ?? 200;
  const blocks = [...textErrorBlocks(stderr), ...jsonErrorBlocks(stdout)];
  if (blocks.length === 0) blocks.push(...textErrorBlocks(stdout));
  const lines = blocks.length > 0 ? blocks.join('\n\n').split('\n') : outputTail(`${stderr}\n${stdout}`, 30);
  if (lines.length <= maxLines) return lines.join('\n');
  return [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more lines`].join('\n');
}

/** The last non-empty lines of the output; a JSON line stands for its `@message`. */
function outputTail(output: string, count: number): string[] {
  const lines = output.split('\n').filter((line) => line.trim());
  return lines.slice(-count).map((line) => {
    if (!line.startsWith('{')) return line;
    try {
      return String((JSON.parse(line) as Record<string, unknown>)['@message'] ?? line);
    } catch {
      return line;
    }
  });
}
