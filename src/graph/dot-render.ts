/**
 * Graphviz DOT text of an env graph. Routes sit in a cluster for the shared load balancer; each service
 * is an HTML-like table whose cells are its Envoy ports, so calls leave from the egress port and arrive
 * at the callee's ingress port.
 */
import { ENVOY_PORTS } from '../definitions/reserved';
import { EnvGraph, GraphEdge, GraphNode } from './env-graph';

/**
 * A DOT label string: backslashes and quotes escaped, newlines as `\n`, `&` as `&amp;` (Graphviz reads
 * entities in labels).
 */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;').replace(/\r?\n/g, '\\n')}"`;
}

/**
 * A DOT node id: only quotes are escaped there (Graphviz keeps other backslashes as written), so ids are
 * the model's names (letters, digits, `:`, `_`, `-`, never a backslash) and come back unchanged in SVG titles.
 */
export function dotId(id: string): string {
  return `"${id.replace(/"/g, '\\"')}"`;
}

/** Left-justified lines as one DOT string (each line ends in `\l`). */
export function dotLines(lines: readonly string[]): string {
  return `"${lines.map((l) => dotString(l).slice(1, -1) + '\\l').join('')}"`;
}

/** Text inside an HTML-like label: the characters HTML gives meaning to, as entities. */
export function dotHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r?\n/g, '<br/>');
}

/** Port names in DOT must be plain identifiers: `p15000`. */
export const envoyPortName = (port: number) => `p${port}`;

function plainNode(node: GraphNode, attributes: string): string {
  const label = [node.title, ...node.details].join('\n');
  return `    ${dotId(node.id)} [label=${dotString(label)}${attributes}];`;
}

const PORT_COLOUR = { ingress: '#dbeafe', egress: '#fef3c7', metrics: '#f3f4f6' } as const;

/** Ingress port on the left, the service with its image in the middle, egress and metrics ports on the right. */
function serviceNode(node: GraphNode): string {
  const ports = node.envoyPorts ?? [];
  const ingress = ports.filter((p) => p.role === 'ingress');
  const right = ports.filter((p) => p.role !== 'ingress');
  const rows = Math.max(right.length, 1);
  const cell = (text: string, attributes: string) => `<td ${attributes}>${text}</td>`;
  const body = [`<b>${dotHtml(node.title)}</b>`, ...node.details.map((d) => `<font point-size="10">${dotHtml(d)}</font>`)].join('<br align="left"/>') + '<br align="left"/>';
  const rightCell = (i: number) => {
    const p = right[i];
    if (!p) return '';
    const text = p.role === 'egress' ? `→ ${dotHtml(p.name)}<br/>:${p.port}` : `${dotHtml(p.name)}<br/>:${p.port}`;
    return cell(text, `port="${envoyPortName(p.port)}" bgcolor="${PORT_COLOUR[p.role]}"`);
  };
  const first = [
    ...ingress.map((p) => cell(`Envoy<br/>${dotHtml(p.name)}<br/>:${p.port}`, `port="${envoyPortName(p.port)}" rowspan="${rows}" bgcolor="${PORT_COLOUR.ingress}"`)),
    cell(body, `rowspan="${rows}" align="left" bgcolor="#f0f9ff"`),
    rightCell(0),
  ].join('');
  const table = [`<tr>${first}</tr>`, ...right.slice(1).map((_, i) => `<tr>${rightCell(i + 1)}</tr>`)].join('');
  return `  ${dotId(node.id)} [shape=plain, label=<<table border="0" cellborder="1" cellspacing="0" cellpadding="5">${table}</table>>];`;
}

function edge(e: GraphEdge, nodes: ReadonlyMap<string, GraphNode>): string {
  const hasPorts = (id: string) => (nodes.get(id)?.envoyPorts?.length ?? 0) > 0;
  const from = dotId(e.from) + (e.fromPort !== undefined && hasPorts(e.from) ? `:${envoyPortName(e.fromPort)}:e` : '');
  const to = dotId(e.to) + (e.kind !== 'uses' && hasPorts(e.to) ? `:${envoyPortName(ENVOY_PORTS.ingress)}:w` : '');
  const attributes = [
    ...(e.label ? [`label=${dotString(e.label)}`] : []),
    ...(e.kind === 'uses' ? ['style=dashed', 'arrowhead=open'] : []),
    ...(e.kind === 'route' ? ['color="#2563eb"'] : []),
  ];
  return `  ${from} -> ${to}${attributes.length > 0 ? ` [${attributes.join(', ')}]` : ''};`;
}

export function renderDot(graph: EnvGraph): string {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const routes = graph.nodes.filter((n) => n.kind === 'route');
  return [
    'digraph env {',
    `  graph [rankdir=LR, fontname="Helvetica", fontsize=11, labelloc=b, labeljust=l, label=${dotLines([graph.title, ...graph.legend])}];`,
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...(routes.length > 0
      ? [
          '  subgraph cluster_alb {',
          `    label=${dotString('shared load balancer: listener rules')}; style=rounded; color="#2563eb";`,
          ...routes.map((n) => plainNode(n, ', shape=box, style=rounded')),
          '  }',
        ]
      : []),
    ...graph.nodes.filter((n) => n.kind === 'service').map(serviceNode),
    ...graph.nodes.filter((n) => n.kind === 'backend').map((n) => plainNode(n, ', shape=cylinder').replace(/^ {4}/, '  ')),
    ...graph.edges.map((e) => edge(e, nodes)),
    '}',
    '',
  ].join('\n');
}
