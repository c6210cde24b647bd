/**
 * The env as a graph, independent of how it is drawn: the load balancer's routes, the services with
 * their images and Envoy ports, the calls between them and the backends they use. Built from the set
 * definition and the planned services only (no AWS, no registry), so it works in local mode too.
 */
import { ENVOY_PORTS } from '../definitions/reserved';
import { ServiceSetDefinition } from '../definitions/service-set';
import { PlannedService } from '../env/plan-services';

export type GraphNodeKind = 'route' | 'service' | 'backend';

/** An Envoy listener of a service's sidecar. */
export interface EnvoyPort {
  /** `ingress`, `metrics`, or the called service for an egress listener. */
  readonly name: string;
  readonly port: number;
  readonly role: 'ingress' | 'egress' | 'metrics';
}

export interface GraphNode {
  /** Unique in the graph: `<kind>:<name>`. Renderers derive their own ids from it. */
  readonly id: string;
  readonly kind: GraphNodeKind;
  /** First line of the label. */
  readonly title: string;
  /** Further lines of the label (image, port, keys, …). */
  readonly details: readonly string[];
  /** Services only: the Envoy sidecar's listeners. */
  readonly envoyPorts?: readonly EnvoyPort[];
}

export type GraphEdgeKind = 'route' | 'call' | 'uses';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: GraphEdgeKind;
  /** Short text on the edge (egress port and protocol of a call). */
  readonly label?: string;
  /** Calls: the caller's Envoy egress port the call leaves from. */
  readonly fromPort?: number;
}

export interface EnvGraph {
  /** Heading: tier, set and env. */
  readonly title: string;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Lines explaining the picture (where images come from, Envoy ports). */
  readonly legend: readonly string[];
}

export interface EnvGraphInput {
  readonly tier: string;
  readonly env: string;
  readonly set: ServiceSetDefinition;
  readonly services: readonly PlannedService[];
  /** Legend lines about the images (see graph-images.ts). */
  readonly imageLegend: readonly string[];
}

export const routeNodeId = (routeId: string) => `route:${routeId}`;
export const serviceNodeId = (service: string) => `service:${service}`;
export const backendNodeId = (backend: string) => `backend:${backend}`;

/** The set's per-env backends and what to say about each (any kind the definition names, e.g. a database). */
function backendNodes(set: ServiceSetDefinition): GraphNode[] {
  const backends: Readonly<Record<string, unknown>> = { ...(set.backends ?? {}), ...(set.database ? { database: set.database } : {}) };
  return Object.entries(backends)
    .filter(([, value]) => value !== undefined && value !== false)
    .map(([kind, value]) => {
      const details: string[] = [];
      if (kind === 'table' && typeof value === 'object' && value !== null) {
        const table = value as { partitionKey?: string; sortKey?: string };
        details.push(`keys: ${[table.partitionKey, table.sortKey].filter(Boolean).join(', ')}`);
      }
      if (kind === 'database') {
        details.push('PostgreSQL, in the base cluster');
        const migrate = set.database?.migrate;
        if (migrate) details.push(`migrate: ${migrate.service} ${migrate.command.join(' ')}`);
      }
      return { id: backendNodeId(kind), kind: 'backend' as const, title: kind, details };
    });
}

function serviceNode(service: PlannedService): GraphNode {
  const d = service.definition;
  const envoyPorts: EnvoyPort[] = [
    { name: 'ingress', port: ENVOY_PORTS.ingress, role: 'ingress' },
    ...service.callees.map((c) => ({ name: c.name, port: c.port, role: 'egress' as const })),
    { name: 'metrics', port: ENVOY_PORTS.metrics, role: 'metrics' },
  ];
  const details = [
    service.image,
    `app :${d.port} ${d.protocol ?? 'http'}${service.isPublic ? '' : ', private'}`,
    ...(d.extraContainers ?? []).map((c) => `+ ${c.name}: ${c.image}`),
  ];
  return { id: serviceNodeId(d.name), kind: 'service', title: d.name, details, envoyPorts };
}

export function buildEnvGraph(input: EnvGraphInput): EnvGraph {
  const routes: GraphNode[] = input.services.flatMap((s) =>
    s.routes.map((r) => ({ id: routeNodeId(r.id), kind: 'route' as const, title: `${r.host}${r.path ?? '/*'}`, details: [] })),
  );
  const backends = backendNodes(input.set);
  const backendIds = new Set(backends.map((b) => b.id));
  const edges: GraphEdge[] = [];
  for (const s of input.services) {
    const from = serviceNodeId(s.definition.name);
    for (const r of s.routes) edges.push({ from: routeNodeId(r.id), to: from, kind: 'route' });
    for (const c of s.callees) edges.push({ from, to: serviceNodeId(c.name), kind: 'call', label: `:${c.port} ${c.protocol}`, fromPort: c.port });
    for (const use of s.definition.uses ?? []) {
      // A use of a backend the set lacks is a validation error; drawn anyway so the picture shows it.
      if (!backendIds.has(backendNodeId(use))) backends.push({ id: backendNodeId(use), kind: 'backend', title: use, details: ['not in the set'] });
      backendIds.add(backendNodeId(use));
      edges.push({ from, to: backendNodeId(use), kind: 'uses' });
    }
  }
  return {
    title: `${input.tier} / ${input.set.name} / ${input.env}`,
    nodes: [...routes, ...input.services.map(serviceNode), ...backends],
    edges,
    legend: [
      ...input.imageLegend,
      `Envoy sidecar in every task: ingress :${ENVOY_PORTS.ingress} (load balancer and callers), egress :${ENVOY_PORTS.egressBase}+ (one per called service), metrics :${ENVOY_PORTS.metrics}`,
    ],
  };
}
