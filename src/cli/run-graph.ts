/**
 * `env graph`: the env as a picture (routes → services → called services → backends, Envoy ports,
 * images) from the set definition and the planned services: no AWS, no registry, no terraform.
 */
import { imageReferenceProblem, repositoryAddress } from '../env/image-reference';
import { planServices } from '../env/plan-services';
import { UserError } from '../errors/user-error';
import { buildEnvGraph, EnvGraph } from '../graph/env-graph';
import { renderDot } from '../graph/dot-render';
import { graphImages } from '../graph/graph-images';
import { renderMermaid } from '../graph/mermaid-render';
import { renderSvg } from '../graph/svg-render';
import { parseImageFlags } from '../images/image-overrides';
import { EnvArgs } from './env-options';
import { loadEnvOf } from './env-context';
import { checkFilePath, writeFilesSafely } from './safe-write';

export const GRAPH_FORMATS = ['svg', 'dot', 'mermaid'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export interface GraphArgs extends Omit<EnvArgs, 'out'> {
  /** @default from --out's extension, else dot */
  readonly format?: GraphFormat;
  /** File to write; `-` or absent: standard output. */
  readonly out?: string;
  readonly force: boolean;
}

/** The format asked for, else the one --out's extension names (.svg, .mmd/.mermaid/.md, .dot/.gv), else dot. */
export function graphFormatOf(format: GraphFormat | undefined, out: string | undefined): GraphFormat {
  if (format) return format;
  const extension = /\.([A-Za-z]+)$/.exec(out ?? '')?.[1]?.toLowerCase();
  if (extension === 'svg') return 'svg';
  if (extension && ['mmd', 'mermaid', 'md'].includes(extension)) return 'mermaid';
  return 'dot';
}

/** The env's graph from the flags (the env named as every command names it). */
export function graphOf(args: GraphArgs, cwd: string): EnvGraph {
  const env = loadEnvOf(args, cwd);
  if (args.registry !== undefined) {
    const problem = imageReferenceProblem(repositoryAddress(args.registry, 'x'));
    if (problem) throw new UserError(`--registry ${args.registry}: ${problem}`, 'give a registry host with an optional port, e.g. --registry 127.0.0.1:5000');
  }
  const { images, legend } = graphImages({
    set: env.set,
    registry: args.registry ?? env.set.registry ?? env.base.registry,
    env: env.name,
    fallbackBranch: args.fallbackBranch,
    overrides: parseImageFlags(args.image),
    tag: args.tag,
  });
  const services = planServices({ base: env.base, set: env.set, env: env.name, images });
  return buildEnvGraph({ tier: env.base.tier, env: env.name, set: env.set, services, imageLegend: legend });
}

/** The text to print or write: the graph as JSON (--json), DOT, SVG or Mermaid (fenced for a .md file). */
export function renderGraph(graph: EnvGraph, format: GraphFormat, options: { json?: boolean; out?: string } = {}): string {
  if (options.json) return JSON.stringify(graph, null, 2) + '\n';
  if (format === 'mermaid') {
    const text = renderMermaid(graph);
    return /\.md$/i.test(options.out ?? '') ? '```mermaid\n' + text + '```\n' : text;
  }
  const dot = renderDot(graph);
  return format === 'svg' ? renderSvg(dot) : dot;
}

export function runGraph(args: GraphArgs, cwd: string): void {
  const toFile = args.out !== undefined && args.out !== '-';
  if (toFile) checkFilePath(args.out as string, '--out', 'env.svg');
  const format = graphFormatOf(args.format, args.out);
  const text = renderGraph(graphOf(args, cwd), format, { json: args.json, out: args.out });
  if (!toFile) {
    process.stdout.write(text);
    return;
  }
  const file = args.out as string;
  const [outcome] = writeFilesSafely([{ file, content: text }], { force: args.force, otherwise: 'print it with --out -' });
  process.stdout.write(outcome === 'unchanged' ? `${file} unchanged\n` : `${file}\n`);
}
