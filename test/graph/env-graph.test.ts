/** Issue 10 (graph): the model has a node for every route, service and backend, an edge for every route, call and use. */
import { buildEnvGraph } from '../../src/graph/env-graph';
import { planServices } from '../../src/env/plan-services';
import { ServiceSetDefinition } from '../../src/definitions/service-set';
import { loadBase } from '../../src/definitions/tiers';
import { demoGraph, edgePairs } from './graph-fixtures';

describe('the demo env graph', () => {
  const graph = demoGraph();
  const ids = (kind: string) => graph.nodes.filter((n) => n.kind === kind).map((n) => n.id).sort();

  it('has a node for every service, route and backend of the set, and no other', () => {
    expect(ids('service')).toEqual(['service:api', 'service:web', 'service:worker']);
    expect(ids('backend')).toEqual(['backend:bucket', 'backend:database', 'backend:table']);
    // web: the env host (/*) and its own host; api: /api/* on the env host and its own host.
    expect(graph.nodes.filter((n) => n.kind === 'route').map((n) => n.title).sort()).toEqual([
      'api--demo-feature-login-28bb00.stage.branchenv.example.com/*',
      'demo-feature-login-28bb00.stage.branchenv.example.com/*',
      'demo-feature-login-28bb00.stage.branchenv.example.com/api/*',
      'web--demo-feature-login-28bb00.stage.branchenv.example.com/*',
    ]);
    expect(new Set(graph.nodes.map((n) => n.id)).size).toBe(graph.nodes.length);
  });

  it('has an edge for every call, route and backend use', () => {
    const byKind = (kind: string) => graph.edges.filter((e) => e.kind === kind).map((e) => `${e.from}->${e.to}`).sort();
    expect(byKind('call')).toEqual(['service:api->service:worker', 'service:web->service:api', 'service:web->service:worker']);
    expect(byKind('uses')).toEqual([
      'service:api->backend:database',
      'service:api->backend:table',
      'service:worker->backend:bucket',
      'service:worker->backend:database',
      'service:worker->backend:table',
    ]);
    expect(byKind('route').map((e) => e.split('->')[1])).toEqual(['service:api', 'service:api', 'service:web', 'service:web']);
    expect(edgePairs(graph)).toHaveLength(12);
  });

  it('shows the Envoy ports: ingress, one egress per callee (the port the call leaves from), metrics', () => {
    const web = graph.nodes.find((n) => n.id === 'service:web');
    expect(web?.envoyPorts).toEqual([
      { name: 'ingress', port: 15000, role: 'ingress' },
      { name: 'api', port: 15001, role: 'egress' },
      { name: 'worker', port: 15002, role: 'egress' },
      { name: 'metrics', port: 9902, role: 'metrics' },
    ]);
    const call = graph.edges.find((e) => e.from === 'service:web' && e.to === 'service:worker');
    expect(call).toMatchObject({ fromPort: 15002, label: ':15002 http' });
  });

  it('shows each service image (branch tag pattern), extra containers, and says where images come from', () => {
    const worker = graph.nodes.find((n) => n.id === 'service:worker');
    expect(worker?.details).toContain('111111111111.dkr.ecr.eu-west-1.amazonaws.com/demo/worker:feature-login-28bb00-<count>-<sha>');
    expect(worker?.details).toContain('+ cache: public.ecr.aws/docker/library/redis:7.4-alpine');
    expect(graph.legend.join('\n')).toMatch(/newest tag of the branch, else of develop \(registries not asked\)/);
    expect(graph.title).toBe('stage / demo / feature-login-28bb00');
  });
});

describe('backends', () => {
  it('draws the env database with its migration, and the services that use it', () => {
    const database = demoGraph().nodes.find((n) => n.id === 'backend:database');
    expect(database?.details).toEqual(['PostgreSQL, in the base cluster', 'migrate: api /app/api migrate']);
  });

  it('draws any backend kind the set defines, with the services that use it', () => {
    const set = {
      name: 'db',
      tier: 'stage',
      backends: { database: { engine: 'postgres' } },
      services: [{ name: 'app', image: { fixed: 'nginx:1.27' }, port: 80, cpu: 256, memory: 512, healthCheck: { path: '/' }, uses: ['database'] }],
    } as unknown as ServiceSetDefinition;
    const services = planServices({ base: loadBase('stage'), set, env: 'x', images: { app: 'nginx:1.27' } });
    const graph = buildEnvGraph({ tier: 'stage', env: 'x', set, services, imageLegend: [] });
    expect(graph.nodes.map((n) => n.id)).toEqual(['service:app', 'backend:database']);
    expect(edgePairs(graph)).toEqual(['service:app->backend:database']);
  });
});
