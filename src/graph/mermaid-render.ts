/**
 * Mermaid flowchart of an env graph, as GitHub renders it in Markdown: node ids reduced to letters,
 * digits and `_` (unique, never a keyword), every label quoted with Mermaid's entity codes for the
 * characters it gives meaning to.
 */
import { EnvGraph, GraphNode } from './env-graph';

/** Text of a quoted Mermaid label: `"`, `#`, `<`, `>`, `&` and backticks as entity codes, newlines as `<br/>`. */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/&/g, '#38;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/`/g, '#96;')
    .replace(/\|/g, '#124;')
    .replace(/\r?\n/g, '<br/>');
}

const PREFIX: Record<GraphNode['kind'], string> = { route: 'route', service: 'svc', backend: 'be' };

/** Mermaid id per node id: `<kind>_<name with other characters as _>`, numbered when two would meet. */
export function mermaidIds(nodes: readonly GraphNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const node of nodes) {
    const name = node.id.slice(node.id.indexOf(':') + 1).replace(/[^A-Za-z0-9]+/g, '_');
    const base = `${PREFIX[node.kind]}_${name}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    ids.set(node.id, id);
  }
  return ids;
}

function label(node: GraphNode): string {
  const ports = node.envoyPorts?.map((p) => (p.role === 'egress' ? `→${p.name} :${p.port}` : `${p.name} :${p.port}`)) ?? [];
  const lines = [...node.details, ...(ports.length > 0 ? [`Envoy: ${ports.join(' · ')}`] : [])];
  return [`<b>${mermaidText(node.title)}</b>`, ...lines.map(mermaidText)].join('<br/>');
}

function shape(node: GraphNode, id: string): string {
  const text = `"${label(node)}"`;
  if (node.kind === 'backend') return `${id}[(${text})]`;
  if (node.kind === 'route') return `${id}(${text})`;
  return `${id}[${text}]`;
}

export function renderMermaid(graph: EnvGraph): string {
  const ids = mermaidIds(graph.nodes);
  const id = (nodeId: string) => ids.get(nodeId) ?? nodeId;
  const routes = graph.nodes.filter((n) => n.kind === 'route');
  const lines = [
    '---',
    `title: "${mermaidText(graph.title)}"`,
    '---',
    'flowchart LR',
    ...(routes.length > 0 ? ['  subgraph alb["shared load balancer: listener rules"]', ...routes.map((n) => `    ${shape(n, id(n.id))}`), '  end'] : []),
    ...graph.nodes.filter((n) => n.kind !== 'route').map((n) => `  ${shape(n, id(n.id))}`),
    ...graph.edges.map((e) => {
      const arrow = e.kind === 'uses' ? '-.->' : '-->';
      return `  ${id(e.from)} ${arrow}${e.label ? `|"${mermaidText(e.label)}"|` : ''} ${id(e.to)}`;
    }),
    `  legend["${graph.legend.map(mermaidText).join('<br/>')}"]`,
    '  classDef route fill:#dbeafe,stroke:#2563eb',
    '  classDef service fill:#e0f2fe,stroke:#0369a1',
    '  classDef backend fill:#fef3c7,stroke:#b45309',
    '  classDef legend fill:#ffffff,stroke:#9ca3af,stroke-dasharray:3 3,text-align:left',
    ...(['route', 'service', 'backend'] as const)
      .map((kind) => [kind, graph.nodes.filter((n) => n.kind === kind).map((n) => id(n.id))] as const)
      .filter(([, members]) => members.length > 0)
      .map(([kind, members]) => `  class ${members.join(',')} ${kind}`),
    '  class legend legend',
    '',
  ];
  return lines.join('\n');
}
