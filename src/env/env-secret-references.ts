import { SecretSource, ServiceSetDefinition } from '../definitions/service-set';

/** Every env secret a set references (`{ envSecret: NAME }`), in app and extra containers, sorted, once each. */
export function referencedEnvSecrets(set: ServiceSetDefinition): string[] {
  const sources: SecretSource[] = set.services.flatMap((service) => [
    ...Object.values(service.secrets ?? {}),
    ...(service.extraContainers ?? []).flatMap((c) => Object.values(c.secrets ?? {})),
  ]);
  return [...new Set(sources.flatMap((s) => ('envSecret' in s ? [s.envSecret] : [])))].sort();
}

/** Referenced env secrets that the env does not have: a task would fail to start without them. */
export function missingEnvSecrets(referenced: readonly string[], existing: readonly string[]): string[] {
  const have = new Set(existing);
  return referenced.filter((name) => !have.has(name));
}
