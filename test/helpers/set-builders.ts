/** Small service sets for validation tests: a service with the fields every service needs, and a set of them. */
import { ServiceDefinition, ServiceSetDefinition } from '../../src/definitions/service-set';

export const service = (name: string, extra: Partial<ServiceDefinition> = {}): ServiceDefinition => ({
  name,
  image: { repository: `demo/${name}` },
  port: 8080,
  cpu: 256,
  memory: 512,
  healthCheck: { path: '/healthz' },
  ...extra,
});

export const set = (services: ServiceDefinition[], extra: Partial<ServiceSetDefinition> = {}): ServiceSetDefinition => ({
  name: 'demo',
  tier: 'stage',
  services,
  ...extra,
});
