/** SVG from DOT text through Graphviz's `dot -Tsvg`, with a clear error when Graphviz is missing. */
import { spawnSync } from 'node:child_process';
import { UserError } from '../errors/user-error';

export interface SvgRenderOptions {
  /**
   * The Graphviz program.
   * @default 'dot' on PATH
   */
  readonly dotCommand?: string;
  /**
   * How long Graphviz may run before it is stopped.
   * @default DOT_TIMEOUT_MS
   */
  readonly timeoutMs?: number;
}

/** Graphviz lays out an env graph in well under a second; a minute means it is stuck. */
export const DOT_TIMEOUT_MS = 60_000;

export function renderSvg(dot: string, options: SvgRenderOptions = {}): string {
  const command = options.dotCommand ?? 'dot';
  const timeoutMs = options.timeoutMs ?? DOT_TIMEOUT_MS;
  const result = spawnSync(command, ['-Tsvg'], { input: dot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL' });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
      throw new UserError(
        `${command} -Tsvg did not finish within ${timeoutMs / 1000} s and was stopped`,
        'the graph may be too large for Graphviz; use --format mermaid or --format dot, or run dot yourself',
      );
    }
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new UserError(`--format svg needs Graphviz's ${command}, not found on PATH`, 'install it (apt-get install graphviz, brew install graphviz), or use --format mermaid or --format dot');
    }
    throw result.error;
  }
  if (result.status !== 0) {
    throw new Error(`${command} -Tsvg failed (exit ${result.status ?? result.signal}): ${result.stderr.trim().split('\n').slice(0, 2).join(' ')}`);
  }
  return result.stdout;
}
