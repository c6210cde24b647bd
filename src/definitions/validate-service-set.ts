import { imageReferenceProblem, parseImageReference, repositoryAddress } from '../env/image-reference';
import { MAX_ENV_NAME_LENGTH } from '../names/env-name';
import { allServiceNames, envHostLabel, envNames, EnvNameParts, LimitedName, prefixedHostLabel } from '../names/env-resource-names';
import { BaseDefinition } from './base-definition';
import { DefinitionError, DefinitionProblem } from './definition-error';
import { fargateSizeProblem } from './fargate';
import { ENVOY_RESERVED_PORTS, RESERVED_ENV_PREFIX, SECRET_NAME } from './reserved';
import { SecretSource, ServiceDefinition, ServiceSetDefinition } from './service-set';
import { setDatabaseProblems } from './validate-set-database';

const SET_NAME = /^[a-z][a-z0-9]{0,9}$/;
const SERVICE_NAME = /^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$/;
const ENV_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REPOSITORY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
/** A load balancer health check path: what a URL path may hold, no spaces or braces (no `${…}` for Terraform). */
const HEALTH_PATH = /^\/[A-Za-z0-9_\-.~/%!$&'()*+,;=:@?]{0,1023}$/;
const PATH_PATTERN = /^\/[A-Za-z0-9_\-.$/~"'@:+*?]*$/;

export interface SetValidationContext {
  readonly base: BaseDefinition;
  /**
   * The env to check derived names for.
   * @default the longest env name the name function can produce
   */
  readonly env?: string;
}

/** Every problem of a service set, with the path to the field. Empty when valid. */
export function serviceSetProblems(set: ServiceSetDefinition, context: SetValidationContext): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  if (!SET_NAME.test(set.name)) add('name', `"${set.name}" must be 1-10 lowercase letters and digits, starting with a letter (no dashes)`);
  if (set.tier !== context.base.tier) add('tier', `is "${set.tier}" but the base is ${context.base.tier}`);
  if (set.services.length === 0) add('services', 'a set needs at least one service');
  imageProblems(set, add);

  const names = set.services.map((s) => s.name);
  const seen = new Set<string>();
  set.services.forEach((service, i) => {
    if (seen.has(service.name)) add(`services[${i}].name`, `"${service.name}" is used by another service of the set; names must be unique`);
    seen.add(service.name);
    serviceProblems(service, `services[${i}]`, set, names, add);
  });

  routeProblems(set, add);
  const backends = set.backends ?? {};
  if (backends.table) {
    for (const key of ['partitionKey', 'sortKey'] as const) {
      const value = backends.table[key];
      if (value !== undefined && !/^[A-Za-z0-9_.-]{1,255}$/.test(value)) add(`backends.table.${key}`, `"${value}" is not a DynamoDB attribute name`);
    }
  }

  setDatabaseProblems(set, context.base, add);
  if (SET_NAME.test(set.name)) nameLimitProblems(set, context, add);
  return problems;
}

function serviceProblems(
  service: ServiceDefinition,
  path: string,
  set: ServiceSetDefinition,
  names: readonly string[],
  add: (path: string, message: string) => void,
): void {
  if (!SERVICE_NAME.test(service.name) || service.name.length > 20) {
    add(`${path}.name`, `"${service.name}" must be 2-20 lowercase letters, digits and single dashes`);
  }
  if ('repository' in service.image && !REPOSITORY.test(service.image.repository)) {
    add(`${path}.image.repository`, `"${service.image.repository}" is not a repository path such as demo/web`);
  }
  if ('fixed' in service.image) pinnedImageProblem(service.image.fixed, `${path}.image.fixed`, add);
  if (!Number.isInteger(service.port) || service.port < 1 || service.port > 65535) add(`${path}.port`, `${service.port} is not a TCP port`);
  else if (ENVOY_RESERVED_PORTS.includes(service.port)) add(`${path}.port`, `${service.port} is used by the Envoy sidecar; pick another`);
  const size = fargateSizeProblem(service.cpu, service.memory);
  if (size) add(`${path}.memory`, size);

  envProblems(service.environment, `${path}.environment`, add);
  secretProblems(service.secrets, `${path}.secrets`, add);

  if ('path' in service.healthCheck && !HEALTH_PATH.test(service.healthCheck.path)) {
    add(`${path}.healthCheck.path`, `"${service.healthCheck.path}" must start with / and hold only URL path characters (no spaces, { or }), at most 1024`);
  }
  if ('command' in service.healthCheck && service.healthCheck.command.length === 0) add(`${path}.healthCheck.command`, 'is empty');

  const desired = service.desiredCount ?? 1;
  if (!Number.isInteger(desired) || desired < 0) add(`${path}.desiredCount`, `must be a whole number ≥ 0, got ${desired}`);
  if (service.autoscaling) {
    const { min, max, cpuTarget } = service.autoscaling;
    if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && min <= max)) {
      add(`${path}.autoscaling`, `needs whole numbers with 0 ≤ min ≤ max, got min ${min}, max ${max}`);
    } else if (desired < min || desired > max) add(`${path}.desiredCount`, `${desired} is outside autoscaling min ${min} and max ${max}`);
    if (!(cpuTarget >= 10 && cpuTarget <= 90)) add(`${path}.autoscaling.cpuTarget`, `${cpuTarget} should be a percentage between 10 and 90`);
  }

  const calls = service.calls ?? [];
  calls.forEach((callee, j) => {
    if (!names.includes(callee)) add(`${path}.calls[${j}]`, `"${callee}" is not a service of the set (${names.join(', ')})`);
    if (callee === service.name) add(`${path}.calls[${j}]`, 'a service does not call itself through Envoy');
  });
  if (new Set(calls).size !== calls.length) add(`${path}.calls`, 'lists a service twice');

  const routes = service.routes ?? [];
  routes.forEach((route, j) => {
    if (route.path !== undefined && !PATH_PATTERN.test(route.path)) add(`${path}.routes[${j}].path`, `"${route.path}" is not a path pattern such as /api/*`);
    if (route.hostPrefix !== undefined && !SERVICE_NAME.test(route.hostPrefix)) {
      add(`${path}.routes[${j}].hostPrefix`, `"${route.hostPrefix}" must be lowercase letters, digits and single dashes`);
    }
  });

  const containerNames = new Set([service.name, 'envoy']);
  let reservedCpu = 0;
  (service.extraContainers ?? []).forEach((container, j) => {
    const cpath = `${path}.extraContainers[${j}]`;
    if (!SERVICE_NAME.test(container.name) && !/^[a-z]$/.test(container.name)) add(`${cpath}.name`, `"${container.name}" must be lowercase letters, digits and dashes`);
    if (containerNames.has(container.name)) add(`${cpath}.name`, `"${container.name}" is taken by another container of the task`);
    containerNames.add(container.name);
    pinnedImageProblem(container.image, `${cpath}.image`, add);
    envProblems(container.environment, `${cpath}.environment`, add);
    secretProblems(container.secrets, `${cpath}.secrets`, add);
    writableRootProblems(container.writableRootFilesystem, cpath, add);
    reservedCpu += container.cpu ?? 0;
    if (container.memory !== undefined && container.memory >= service.memory) {
      add(`${cpath}.memory`, `${container.memory} MiB leaves nothing of the task's ${service.memory} MiB for the app and Envoy`);
    }
  });
  if (reservedCpu >= service.cpu) add(`${path}.extraContainers`, `reserve ${reservedCpu} cpu units of the task's ${service.cpu}; leave some for the app and Envoy`);

  for (const backend of service.uses ?? []) {
    if (backend === 'database') continue; // validate-set-database.ts
    const declared = backend === 'bucket' ? set.backends?.bucket : set.backends?.table;
    if (!declared) add(`${path}.uses`, `uses the env ${backend}, but the set declares no backends.${backend}`);
  }
  writableRootProblems(service.writableRootFilesystem, path, add);
}

/** A writable root filesystem becomes a declared policy exception: its reason must say something. */
function writableRootProblems(value: { reason: string } | undefined, path: string, add: (p: string, m: string) => void): void {
  if (value && value.reason.trim().length < 10) add(`${path}.writableRootFilesystem.reason`, 'give a reason a reviewer can judge');
}

/** Two routes may not claim the same host and path; a public service needs a path health check. */
function routeProblems(set: ServiceSetDefinition, add: (p: string, m: string) => void): void {
  const claimed = new Map<string, string>();
  set.services.forEach((service, i) => {
    const routes = service.routes ?? [];
    if (routes.length > 0 && !('path' in service.healthCheck)) {
      add(`services[${i}].healthCheck`, 'a public service needs healthCheck.path: the load balancer checks it through Envoy');
    }
    routes.forEach((route, j) => {
      const key = `${route.hostPrefix ?? '(env host)'} ${route.path ?? '/*'}`;
      const owner = claimed.get(key);
      if (owner !== undefined) add(`services[${i}].routes[${j}]`, `${key} is already routed to ${owner}`);
      else claimed.set(key, service.name);
    });
  });
}

/** Image references reach Terraform as written: they follow the distribution grammar (no `$`, `{`, `%`). */
function imageProblems(set: ServiceSetDefinition, add: (p: string, m: string) => void): void {
  if (set.envoyImage !== undefined) pinnedImageProblem(set.envoyImage, 'envoyImage', add);
  const registryProblem = set.registry === undefined ? undefined : imageReferenceProblem(repositoryAddress(set.registry, 'repository'));
  if (registryProblem) add('registry', `"${set.registry}" is not a registry such as ghcr.io/org: ${registryProblem}`);
}

/** A fixed image: a reference by the grammar, pinned by a tag or digest. */
function pinnedImageProblem(ref: string, path: string, add: (p: string, m: string) => void): void {
  const problem = imageReferenceProblem(ref);
  const parsed = parseImageReference(ref);
  if (problem) add(path, `"${ref}": ${problem}`);
  else if (parsed?.tag === undefined && parsed?.digest === undefined) add(path, `"${ref}" needs a tag or digest, e.g. nginx:1.27`);
}

function envProblems(environment: Readonly<Record<string, string>> | undefined, path: string, add: (p: string, m: string) => void): void {
  for (const [name, value] of Object.entries(environment ?? {})) {
    if (!ENV_VAR.test(name)) add(`${path}.${name}`, 'is not a valid environment variable name');
    if (name.startsWith(RESERVED_ENV_PREFIX)) add(`${path}.${name}`, `names starting with ${RESERVED_ENV_PREFIX} are set by branchenv`);
    if (SECRET_NAME.test(name) && value.length > 0) add(`${path}.${name}`, 'looks like a secret; move it to secrets (Secrets Manager or SSM) so it is injected with valueFrom');
    // Any other text is escaped for Terraform (containerDefinition), but CDKTF would turn its own marker into a reference.
    if (value.includes('${TfToken[')) add(`${path}.${name}`, 'contains "${TfToken[", the marker of a CDKTF reference; write the value without it');
  }
}

function secretProblems(secrets: Readonly<Record<string, SecretSource>> | undefined, path: string, add: (p: string, m: string) => void): void {
  for (const [name, source] of Object.entries(secrets ?? {})) {
    if (!ENV_VAR.test(name)) add(`${path}.${name}`, 'is not a valid environment variable name');
    if ('envSecret' in source) continue; // validate-set-database.ts
    const ref = 'secretsManager' in source ? source.secretsManager : source.ssmParameter;
    const ok = 'secretsManager' in source
      ? /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@:-]+|[A-Za-z0-9/_+=.@-]{1,512})$/.test(ref)
      : /^(arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter\/[A-Za-z0-9/_.-]+|\/?[A-Za-z0-9/_.-]{1,1011})$/.test(ref);
    if (!ok) add(`${path}.${name}`, `"${ref}" is not a ${'secretsManager' in source ? 'Secrets Manager secret' : 'SSM parameter'} name or ARN`);
  }
}

function dnsLabel(value: string): LimitedName {
  return { kind: 'DNS label', value, limit: 63, readable: value };
}

/** Every derived AWS name must fit its limit, for the given env or for the longest env name possible. */
function nameLimitProblems(set: ServiceSetDefinition, context: SetValidationContext, add: (p: string, m: string) => void): void {
  const env = context.env ?? 'x'.repeat(MAX_ENV_NAME_LENGTH);
  const parts: EnvNameParts = { tier: context.base.tier, set: set.name, env };
  const which = context.env ? `env "${env}"` : `an env name of ${MAX_ENV_NAME_LENGTH} characters (the longest a branch can give)`;
  const check = (path: string, name: LimitedName) => {
    if (name.value.length > name.limit) {
      add(path, `${name.kind} "${name.value}" for ${which} is ${name.value.length} characters; the limit is ${name.limit}. Shorten the set, service or host prefix name`);
    }
  };
  const env_ = envNames(parts);
  check('name', dnsLabel(envHostLabel(parts)));
  if (set.backends?.bucket) check('backends.bucket', env_.bucket(context.base.accountId, context.base.region));
  // Shortened names carry a hash of the readable name; two services of one env must still differ.
  const taken = new Map<string, string>();
  set.services.forEach((service, i) => {
    const isPublic = (service.routes ?? []).length > 0;
    for (const name of allServiceNames(parts, service.name, isPublic)) {
      check(`services[${i}].name`, name);
      const other = taken.get(`${name.kind}:${name.value}`);
      if (other !== undefined && other !== name.readable) add(`services[${i}].name`, `${name.kind} names "${other}" and "${name.readable}" both shorten to "${name.value}"; rename one service`);
      taken.set(`${name.kind}:${name.value}`, name.readable);
    }
    (service.routes ?? []).forEach((route, j) => {
      if (route.hostPrefix) check(`services[${i}].routes[${j}].hostPrefix`, dnsLabel(prefixedHostLabel(parts, route.hostPrefix)));
    });
  });
}

/** Throws a DefinitionError listing every problem, or returns the set unchanged. */
export function validateServiceSet(set: ServiceSetDefinition, source: string, context: SetValidationContext): ServiceSetDefinition {
  const problems = serviceSetProblems(set, context);
  if (problems.length > 0) throw new DefinitionError(source, problems);
  return set;
}
