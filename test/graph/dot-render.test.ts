/**
 * Issue 10 (graph): the DOT text goes through the real Graphviz (`dot -Tsvg`) and the SVG has every
 * node and every edge; odd labels are escaped so they come out as written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDot, dotString, dotHtml } from '../../src/graph/dot-render';
import { EnvGraph } from '../../src/graph/env-graph';
import { renderSvg } from '../../src/graph/svg-render';
import { UserError } from '../../src/errors/user-error';
import { demoGraph, edgePairs } from './graph-fixtures';

/** The entities Graphviz writes in SVG text, decoded. */
function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Titles of the SVG's `<g class="node|edge">` groups (Graphviz puts the node id, or `tail->head` with ports, there). */
function svgTitles(svg: string, kind: 'node' | 'edge'): string[] {
  const pattern = new RegExp(`<g id="[^"]*" class="${kind}">\\s*<title>([^<]*)</title>`, 'g');
  return [...svg.matchAll(pattern)].map((m) => decode(m[1]));
}

/** Every `<text>` of the SVG, decoded. */
const svgTexts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => decode(m[1]));

/** `tail:port:compass->head:port` → `tail->head`, matching node ids that themselves contain `:`. */
function edgeEnds(title: string, ids: readonly string[]): string {
  const end = (side: string) => ids.find((id) => side === id || side.startsWith(`${id}:`)) ?? `?${side}`;
  const [tail, head] = title.split('->');
  return `${end(tail)}->${end(head)}`;
}

describe('DOT through dot -Tsvg', () => {
  const graph = demoGraph();
  const svg = renderSvg(renderDot(graph));
  const ids = graph.nodes.map((n) => n.id);

  it('has a node for every node of the model', () => {
    expect(svgTitles(svg, 'node').sort()).toEqual([...ids].sort());
  });

  it('has an edge for every edge of the model, calls from the egress port to the ingress port', () => {
    const titles = svgTitles(svg, 'edge');
    expect(titles.map((t) => edgeEnds(t, ids)).sort()).toEqual(edgePairs(graph));
  });

  it('leaves calls from the caller\'s egress port and enters the callee\'s ingress port, ports Graphviz knows', () => {
    const dot = renderDot(graph);
    expect(dot).toContain('"service:web":p15002:e -> "service:worker":p15000:w');
    expect(dot).toContain('"route:web_web_host" -> "service:web":p15000:w');
    const run = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(''); // e.g. "Warning: node service:web, port p15009 unrecognized"
  });

  it('shows the images and the legend', () => {
    const texts = svgTexts(svg);
    expect(texts).toContain('111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/web:feature-login-28bb00-<count>-<sha>');
    expect(texts.some((t) => t.startsWith('images: <repository>:feature-login-28bb00-<count>-<sha>'))).toBe(true);
  });
});

describe('escaping', () => {
  const odd = 'say "hi" [x] {y} <b>&amp; back\\slash | #1';
  // Ids are names from the definitions; quotes and brackets still come through.
  const oddId = 'say "hi" [x] {y} <b> | #1';

  it('quotes DOT strings and HTML-like label text', () => {
    expect(dotString('a "b" \\ c\nd &')).toBe('"a \\"b\\" \\\\ c\\nd &amp;"');
    expect(dotHtml('<b> & "q"')).toBe('&lt;b&gt; &amp; &quot;q&quot;');
  });

  it('odd titles and ids come out of Graphviz exactly as written', () => {
    const graph: EnvGraph = {
      title: odd,
      legend: [odd],
      nodes: [
        { id: `route:${oddId}`, kind: 'route', title: odd, details: [] },
        { id: `service:${oddId}`, kind: 'service', title: odd, details: [odd], envoyPorts: [{ name: odd, port: 15000, role: 'ingress' }] },
        { id: `backend:${oddId}`, kind: 'backend', title: odd, details: [odd] },
      ],
      edges: [
        { from: `route:${oddId}`, to: `service:${oddId}`, kind: 'route' },
        { from: `service:${oddId}`, to: `backend:${oddId}`, kind: 'uses', label: odd },
      ],
    };
    const svg = renderSvg(renderDot(graph));
    expect(svgTitles(svg, 'node').sort()).toEqual(graph.nodes.map((n) => n.id).sort());
    expect(svgTitles(svg, 'edge')).toHaveLength(2);
    const texts = svgTexts(svg);
    // route; service title, detail, ingress port (HTML-like label); backend title and detail; edge label; graph title and legend.
    expect(texts.filter((t) => t === odd)).toHaveLength(9);
  });
});

describe('without Graphviz', () => {
  it('says how to install it or which format to use instead', () => {
    const run = () => renderSvg('digraph { a }', { dotCommand: '/nonexistent/dot' });
    expect(run).toThrow(UserError);
    try {
      run();
    } catch (error) {
      expect((error as UserError).hint).toMatch(/apt-get install graphviz.*--format mermaid or --format dot/);
    }
  });
});

describe('a Graphviz that hangs', () => {
  it('is stopped after the timeout with a message that says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'branchenv-dot-'));
    try {
      const fake = join(dir, 'dot');
      writeFileSync(fake, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
      const started = Date.now();
      let caught: unknown;
      try {
        renderSvg('digraph { a }', { dotCommand: fake, timeoutMs: 300 });
      } catch (error) {
        caught = error;
      }
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as UserError).message).toBe(`${fake} -Tsvg did not finish within 0.3 s and was stopped`);
      expect((caught as UserError).hint).toMatch(/--format mermaid or --format dot/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
