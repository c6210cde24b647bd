import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import { envOptions } from '../env-options';
import type { GraphArgs } from '../run-graph';

const FORMATS = ['svg', 'dot', 'mermaid'] as const;

export const graphCommand: CommandModule<object, GraphArgs> = {
  command: 'graph [target]',
  describe: 'Draw an env: load balancer routes → services → called services → backends, with Envoy ports and images (no AWS needed)',
  builder: (yargs: Argv) =>
    envOptions(yargs)
      .option('format', {
        describe: 'svg (needs Graphviz `dot`), dot, or mermaid (GitHub renders it). Default: from --out\'s extension (.svg; .mmd, .mermaid, .md; .dot, .gv), else dot',
        choices: FORMATS,
        type: 'string',
      })
      // Replaces the env options' working folder: graph writes one file and needs no working folder.
      .option('out', { describe: 'File to write (- or none: standard output); an existing, differing file needs --force', type: 'string', default: undefined })
      .option('local', { describe: 'Accepted as by every env command; graph needs no AWS either way', type: 'boolean', default: false })
      // Only about registries, tags and terraform: nothing graph does.
      .hide('insecure-registry')
      .hide('commit')
      .hide('created-by')
      .option('force', { describe: 'Replace --out when its content differs', type: 'boolean', default: false })
      .option('json', { describe: 'Print the graph itself (nodes, edges, legend) as JSON instead of drawing it', type: 'boolean', default: false })
      .example('$0 graph --set demo --out env.svg', 'SVG of the current branch\'s env (Graphviz)')
      .example('$0 graph feature/login --set demo --format mermaid', 'Mermaid flowchart to paste into a PR or README')
      .example('$0 graph --set demo --out env.md', 'a Markdown file with a ```mermaid block')
      .example('$0 graph --set demo | dot -Tpng > env.png', 'DOT on standard output (the default)')
      .example('$0 graph --set demo --tag develop-40-9f8e7d6 --image api=ghcr.io/acme/api:1.4.2 --out env.svg', 'with the images these flags would give')
      .example('$0 -g --set demo', 'short flag')
      .epilogue(CREDENTIALS_HELP.graph) as unknown as Argv<GraphArgs>,
  handler: async (args) => {
    const { runGraph } = await import('../run-graph');
    runGraph(args, process.cwd());
  },
};
