import { parse } from 'yaml';
import { planServices } from '../../src/env/plan-services';
import { demoEnv } from '../helpers/demo-env';

interface SocketAddress {
  address: string;
  port_value: number;
}
interface Listener {
  name: string;
  address: { socket_address: SocketAddress };
  filter_chains: { filters: { typed_config: { route_config: { virtual_hosts: { routes: Record<string, unknown>[] }[] } } }[] }[];
}
interface Cluster {
  name: string;
  type: string;
  typed_extension_protocol_options?: Record<string, { explicit_http_config: Record<string, unknown> }>;
  load_assignment: { endpoints: { lb_endpoints: { endpoint: { address: { socket_address: SocketAddress } } }[] }[] };
}
interface Bootstrap {
  admin: { address: { socket_address: SocketAddress } };
  stats_config: { stats_tags: { tag_name: string; fixed_value: string }[] };
  static_resources: { listeners: Listener[]; clusters: Cluster[] };
}

const env = demoEnv('stage');
const planned = planServices({
  base: env.base,
  set: env.set,
  env: env.identity.name,
  images: env.images,
});
const web = planned.find((p) => p.definition.name === 'web')!;
const bootstrap = parse(web.envoyBootstrap) as Bootstrap;
const listener = (name: string) => bootstrap.static_resources.listeners.find((l) => l.name === name)!;
const cluster = (name: string) => bootstrap.static_resources.clusters.find((c) => c.name === name)!;
const endpoint = (c: Cluster) => c.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address;
const routesOf = (l: Listener) => l.filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes;

describe('the Envoy bootstrap of web, which calls api and worker', () => {
  it('has exactly an ingress, one egress per called service, and a metrics listener', () => {
    expect(bootstrap.static_resources.listeners.map((l) => l.name)).toEqual(['ingress', 'egress_api', 'egress_worker', 'metrics']);
  });

  it('takes traffic on 15000 from the network and forwards it to the app on localhost', () => {
    expect(listener('ingress').address.socket_address).toEqual({ address: '0.0.0.0', port_value: 15000 });
    expect(routesOf(listener('ingress'))[0]).toEqual(expect.objectContaining({ route: expect.objectContaining({ cluster: 'app' }) }));
    expect(endpoint(cluster('app'))).toEqual({ address: '127.0.0.1', port_value: 8080 });
    expect(cluster('app').typed_extension_protocol_options).toBeUndefined();
  });

  it('routes each egress listener, on localhost only, to the callee`s env-unique discovery name', () => {
    expect(listener('egress_api').address.socket_address).toEqual({ address: '127.0.0.1', port_value: 15001 });
    expect(listener('egress_worker').address.socket_address).toEqual({ address: '127.0.0.1', port_value: 15002 });
    expect(routesOf(listener('egress_api'))[0]).toEqual(expect.objectContaining({ route: expect.objectContaining({ cluster: 'api' }) }));
    const namespace = env.base.discoveryNamespace;
    expect(cluster('api').type).toBe('STRICT_DNS');
    expect(endpoint(cluster('api'))).toEqual({ address: `api.demo-${env.identity.name}.${namespace}`, port_value: 15000 });
    expect(endpoint(cluster('worker'))).toEqual({ address: `worker.demo-${env.identity.name}.${namespace}`, port_value: 15000 });
  });

  it('speaks HTTP/2 to a callee that serves HTTP/2 (api) and HTTP/1.1 to one that does not (worker)', () => {
    const h2 = (c: Cluster) => c.typed_extension_protocol_options?.['envoy.extensions.upstreams.http.v3.HttpProtocolOptions']?.explicit_http_config;
    expect(h2(cluster('api'))).toEqual({ http2_protocol_options: {} });
    expect(h2(cluster('worker'))).toBeUndefined();
  });

  it('binds admin to localhost and exposes only /stats/prometheus on the metrics port', () => {
    expect(bootstrap.admin.address.socket_address).toEqual({ address: '127.0.0.1', port_value: 9901 });
    expect(listener('metrics').address.socket_address).toEqual({ address: '0.0.0.0', port_value: 9902 });
    expect(routesOf(listener('metrics'))).toEqual([
      { match: { path: '/stats/prometheus' }, route: { cluster: 'envoy_admin' } },
      { match: { prefix: '/' }, direct_response: { status: 404 } },
    ]);
    expect(endpoint(cluster('envoy_admin'))).toEqual({ address: '127.0.0.1', port_value: 9901 });
  });

  it('tags every stat with fixed env, service and set', () => {
    expect(bootstrap.stats_config.stats_tags).toEqual([
      { tag_name: 'env', fixed_value: env.identity.name },
      { tag_name: 'service', fixed_value: 'web' },
      { tag_name: 'set', fixed_value: 'demo' },
    ]);
  });

  it('tells the app where each called service is', () => {
    expect(web.environment).toEqual(
      expect.objectContaining({ BRANCHENV_API_URL: 'http://127.0.0.1:15001', BRANCHENV_WORKER_URL: 'http://127.0.0.1:15002', BRANCHENV_ENV: env.identity.name }),
    );
  });

  it('gives a service that calls nobody no egress listener', () => {
    const worker = parse(planned.find((p) => p.definition.name === 'worker')!.envoyBootstrap) as Bootstrap;
    expect(worker.static_resources.listeners.map((l) => l.name)).toEqual(['ingress', 'metrics']);
  });
});
