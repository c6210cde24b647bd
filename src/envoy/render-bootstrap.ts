import { ENVOY_PORTS } from '../definitions/reserved';
import { ServiceProtocol } from '../definitions/service-set';
import { renderTemplate } from '../templates/render-template';

/** A service this one calls, as its Envoy sees it. */
export interface EnvoyCallee {
  /** Service name; also the Envoy cluster name. */
  readonly name: string;
  /** Local egress port the app connects to (`127.0.0.1:<port>`). */
  readonly port: number;
  /** Discovery DNS name of the callee in this env: `<service>.<set>-<env>.<namespace>`. */
  readonly address: string;
  /** The callee's protocol: HTTP/2 upstream for http2 and grpc. */
  readonly protocol: ServiceProtocol;
}

export interface EnvoyBootstrapInput {
  readonly tier: string;
  readonly set: string;
  readonly env: string;
  readonly envKey: string;
  readonly service: string;
  readonly appPort: number;
  readonly appProtocol: ServiceProtocol;
  readonly callees: readonly EnvoyCallee[];
}

/**
 * The Envoy bootstrap YAML of one service: ingress to the app on localhost, one egress listener per
 * called service routed to its discovery name, admin on localhost, `/stats/prometheus` alone on the
 * metrics port, and fixed env / service / set tags on every stat.
 */
export function renderEnvoyBootstrap(input: EnvoyBootstrapInput): string {
  // Streams (gRPC, HTTP/2) must not be cut by a route timeout; plain HTTP gets one.
  const timeoutFor = (protocol: ServiceProtocol) => (protocol === 'http' ? '60s' : '0s');
  return renderTemplate('envoy-bootstrap.yaml.hbs', {
    ...input,
    ports: ENVOY_PORTS,
    appHttp2: input.appProtocol !== 'http',
    routeTimeout: timeoutFor(input.appProtocol),
    callees: input.callees.map((c) => ({ ...c, http2: c.protocol !== 'http', timeout: timeoutFor(c.protocol) })),
  });
}
