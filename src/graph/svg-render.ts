/** SVG from DOT text through Graphviz's `dot -Tsvg`, with a clear error when Graphviz is missing. */
import { spawnSync } from 'node:child_process';
import { UserError } from '../errors/user-error';

export interface SvgRenderOptions {
  /**
   * The Graphviz program.
   * @default 'dot' on PATH
   */
  readonly dotCommand?: string;
}

export function renderSvg(dot: string, options: SvgRenderOptions = {}): string {
  const command = options.dotCommand ?? 'dot';
  const result = spawnSync(command, ['-Tsvg'], { input: dot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
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
