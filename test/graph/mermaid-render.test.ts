/**
 * Issue 10 (graph): the Mermaid flowchart declares every node and every edge, with ids Mermaid accepts
 * and labels quoted so quotes, brackets and the like cannot end them.
 */
import { EnvGraph, GraphNode } from '../../src/graph/env-graph';
import { mermaidIds, mermaidText, renderMermaid } from '../../src/graph/mermaid-render';
import { demoGraph } from './graph-fixtures';

/** Node declarations: `id[...]`, `id(...)`, `id[(...)]` with a quoted label. */
const declared = (text: string) => [...text.matchAll(/^\s*([A-Za-z0-9_]+)(?:\[\(|\[|\()"/gm)].map((m) => m[1]);
/** Edge lines: `a --> b`, `a -.-> b`, with an optional `|"label"|`. */
const edges = (text: string) => [...text.matchAll(/^\s*([A-Za-z0-9_]+) (-->|-\.->)(?:\|"[^"]*"\|)? ([A-Za-z0-9_]+)$/gm)].map((m) => `${m[1]}->${m[3]}`);

describe('Mermaid of the demo env', () => {
  const graph = demoGraph();
  const text = renderMermaid(graph);
  const ids = mermaidIds(graph.nodes);

  it('is a left-to-right flowchart titled with the env', () => {
    expect(text).toMatch(/^---\ntitle: "stage \/ demo \/ feature-login-28bb00"\n---\nflowchart LR\n/);
  });

  it('declares every node once (and the legend), the routes inside the load balancer subgraph', () => {
    expect(declared(text).sort()).toEqual([...graph.nodes.map((n) => ids.get(n.id)), 'legend'].sort());
    const alb = /subgraph alb\[[^\n]*\n([\s\S]*?)\n\s*end\n/.exec(text)?.[1] ?? '';
    expect(declared(alb).sort()).toEqual(graph.nodes.filter((n) => n.kind === 'route').map((n) => ids.get(n.id)).sort());
  });

  it('has every edge: routes and calls solid, backend uses dotted, calls labelled with port and protocol', () => {
    expect(edges(text).sort()).toEqual(graph.edges.map((e) => `${ids.get(e.from)}->${ids.get(e.to)}`).sort());
    expect(text).toContain('svc_web -->|":15001 http2"| svc_api');
    expect(text).toContain('svc_worker -.-> be_bucket');
    expect(text).toContain('route_web_env_host --> svc_web');
  });

  it('shows images and Envoy ports, with < and > as entity codes', () => {
    expect(text).toContain('demo/web:feature-login-28bb00-#lt;count#gt;-#lt;sha#gt;');
    expect(text).toContain('Envoy: ingress :15000 · →api :15001 · →worker :15002 · metrics :9902');
  });
});

describe('ids', () => {
  const node = (id: string, kind: GraphNode['kind'] = 'service'): GraphNode => ({ id, kind, title: id, details: [] });

  it('are letters, digits and _, prefixed by kind (never a keyword such as end), unique when names meet', () => {
    const ids = mermaidIds([node('service:end'), node('service:a-b'), node('service:a.b'), node('route:end', 'route'), node('backend:x y', 'backend')]);
    expect([...ids.values()]).toEqual(['svc_end', 'svc_a_b', 'svc_a_b_2', 'route_end', 'be_x_y']);
  });
});

describe('escaping', () => {
  const odd = 'say "hi" [x] (y) {z} <b> & #1 | `t`';

  it('turns the characters Mermaid reads into entity codes', () => {
    expect(mermaidText(odd)).toBe('say #quot;hi#quot; [x] (y) {z} #lt;b#gt; #38; #35;1 #124; #96;t#96;');
    expect(mermaidText('a\nb')).toBe('a<br/>b');
  });

  it('keeps odd labels inside their quotes: one declaration per node, edges intact', () => {
    const graph: EnvGraph = {
      title: 'odd',
      legend: [odd],
      nodes: [
        { id: `route:${odd}`, kind: 'route', title: odd, details: [] },
        { id: `service:${odd}`, kind: 'service', title: odd, details: [odd] },
        { id: `backend:${odd}`, kind: 'backend', title: odd, details: [] },
      ],
      edges: [
        { from: `route:${odd}`, to: `service:${odd}`, kind: 'route' },
        { from: `service:${odd}`, to: `backend:${odd}`, kind: 'uses', label: odd },
      ],
    };
    const text = renderMermaid(graph);
    // No raw quote inside any label: every `"` pairs up on its line.
    for (const line of text.split('\n')) expect((line.match(/"/g) ?? []).length % 2).toBe(0);
    // Inside the quotes, besides our own <b> and <br/>: no character Mermaid or HTML reads, # only in entity codes.
    const labels = [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1].replace(/<\/?b>|<br\/>/g, ''));
    expect(labels.filter((l) => l.includes('say'))).toHaveLength(5); // route, service, backend, edge, legend
    for (const label of labels) expect(label.replace(/#[a-z0-9]+;/g, '')).not.toMatch(/[<>&|`#]/);
    expect(declared(text)).toHaveLength(4);
    expect(edges(text)).toEqual(['route_say_hi_x_y_z_b_1_t_->svc_say_hi_x_y_z_b_1_t_', 'svc_say_hi_x_y_z_b_1_t_->be_say_hi_x_y_z_b_1_t_']);
  });
});
