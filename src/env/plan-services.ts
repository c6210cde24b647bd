/**
 * What each service of an env becomes, decided before any construct exists: names, image, hosts,
 * callers and callees, the Envoy bootstrap, environment and secrets. Pure data, so behaviour
 * (who may call whom, what Envoy routes where) is testable without synthesizing.
 */
import { BaseDefinition } from '../definitions/base-definition';
import { ENVOY_PORTS, RESERVED_ENV_PREFIX } from '../definitions/reserved';
import { ServiceDefinition, ServiceSetDefinition } from '../definitions/service-set';
import { renderEnvoyBootstrap, EnvoyCallee } from '../envoy/render-bootstrap';
import { envHostLabel, EnvNameParts, envKey, envNames, prefixedHostLabel, serviceNames } from '../names/env-resource-names';
import { ecrRepositoryArn } from './image-reference';
import { resolveSecret, ResolvedSecret } from './secret-references';

export interface PlannedRoute {
  /** Construct id of the listener rule. */
  readonly id: string;
  readonly host: string;
  readonly path?: string;
}

export interface PlannedService {
  readonly definition: ServiceDefinition;
  readonly names: ReturnType<typeof serviceNames>;
  /** Full DNS name other services of the env reach it at (Envoy ingress port). */
  readonly discoveryFqdn: string;
  readonly image: string;
  readonly isPublic: boolean;
  /** Services of the env that call this one: the only sources allowed in, besides the load balancer. */
  readonly callers: readonly string[];
  readonly callees: readonly EnvoyCallee[];
  readonly routes: readonly PlannedRoute[];
  readonly envoyBootstrap: string;
  /** Environment of the app container, before the env backends' names are added. */
  readonly environment: Readonly<Record<string, string>>;
  /** Secrets of the app container. */
  readonly secrets: readonly ResolvedSecret[];
  /** Secrets of the extra containers, by container name. */
  readonly extraSecrets: Readonly<Record<string, readonly ResolvedSecret[]>>;
  /** ECR repositories the task pulls from. */
  readonly ecrRepositoryArns: readonly string[];
}

export interface EnvPlanInput {
  readonly base: BaseDefinition;
  readonly set: ServiceSetDefinition;
  readonly env: string;
  /** Image reference per service name. */
  readonly images: Readonly<Record<string, string>>;
}

/** `api-gateway` → `API_GATEWAY`. */
export function envVarName(service: string): string {
  return service.toUpperCase().replace(/-/g, '_');
}

/** Construct-id-safe slug of a path pattern: `/api/*` → `api`. */
function pathSlug(path: string): string {
  return path.replace(/\*/g, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'root';
}

export function planServices(input: EnvPlanInput): PlannedService[] {
  const { base, set, env } = input;
  const parts: EnvNameParts = { tier: base.tier, set: set.name, env };
  const byName = new Map(set.services.map((s) => [s.name, s]));
  const fqdn = (service: string) => `${serviceNames(parts, service).discovery.value}.${base.discoveryNamespace}`;

  return set.services.map((service) => {
    const image = input.images[service.name];
    if (!image) throw new Error(`no image for service ${service.name}`);
    const callees: EnvoyCallee[] = (service.calls ?? []).map((name, i) => ({
      name,
      port: ENVOY_PORTS.egressBase + i,
      address: fqdn(name),
      protocol: byName.get(name)?.protocol ?? 'http',
    }));
    const routes: PlannedRoute[] = (service.routes ?? []).map((route) => {
      const hostLabel = route.hostPrefix ? prefixedHostLabel(parts, route.hostPrefix) : envHostLabel(parts);
      const hostPart = route.hostPrefix ? `${route.hostPrefix}_host` : 'env_host';
      return {
        id: `${service.name}_${hostPart}${route.path && route.path !== '/*' ? `_${pathSlug(route.path)}` : ''}`,
        host: `${hostLabel}.${base.domain}`,
        path: route.path,
      };
    });
    const environment: Record<string, string> = {
      ...(service.environment ?? {}),
      [`${RESERVED_ENV_PREFIX}TIER`]: base.tier,
      [`${RESERVED_ENV_PREFIX}SET`]: set.name,
      [`${RESERVED_ENV_PREFIX}ENV`]: env,
      [`${RESERVED_ENV_PREFIX}SERVICE`]: service.name,
    };
    for (const callee of callees) environment[`${RESERVED_ENV_PREFIX}${envVarName(callee.name)}_URL`] = `http://127.0.0.1:${callee.port}`;
    const where = { accountId: base.accountId, region: base.region, envSecretPrefix: envNames(parts).envSecretPrefix };
    const secrets = Object.entries(service.secrets ?? {}).map(([name, source]) => resolveSecret(name, source, where));
    const extraSecrets = Object.fromEntries(
      (service.extraContainers ?? []).map((c) => [
        c.name,
        Object.entries(c.secrets ?? {}).map(([name, source]) => resolveSecret(name, source, where)),
      ]),
    );
    const ecr = [image, ...(service.extraContainers ?? []).map((c) => c.image)].map(ecrRepositoryArn).filter((a): a is string => !!a);

    return {
      definition: service,
      names: serviceNames(parts, service.name),
      discoveryFqdn: fqdn(service.name),
      image,
      isPublic: routes.length > 0,
      callers: set.services.filter((s) => (s.calls ?? []).includes(service.name)).map((s) => s.name),
      callees,
      routes,
      envoyBootstrap: renderEnvoyBootstrap({
        tier: base.tier,
        set: set.name,
        env,
        envKey: envKey(parts),
        service: service.name,
        appPort: service.port,
        appProtocol: service.protocol ?? 'http',
        callees,
      }),
      environment,
      secrets,
      extraSecrets,
      ecrRepositoryArns: [...new Set(ecr)],
    };
  });
}
