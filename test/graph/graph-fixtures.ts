/** The demo env's graph (branch feature/Login-Form, no image flags), as `env graph` builds it. */
import { graphOf, GraphArgs } from '../../src/cli/run-graph';
import { EnvGraph } from '../../src/graph/env-graph';

export const DEMO_ARGS: GraphArgs = {
  target: 'feature/Login-Form',
  set: 'demo',
  tier: 'stage',
  image: [],
  insecureRegistry: [],
  fallbackBranch: 'develop',
  local: false,
  json: false,
  force: false,
};

export function demoGraph(overrides: Partial<GraphArgs> = {}): EnvGraph {
  return graphOf({ ...DEMO_ARGS, ...overrides }, process.cwd());
}

/** Edges as `from->to` (node ids), sorted. */
export const edgePairs = (graph: EnvGraph) => graph.edges.map((e) => `${e.from}->${e.to}`).sort();
