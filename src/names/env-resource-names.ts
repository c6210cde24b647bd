/**
 * Every AWS name of a branch env, built from tier, set, env and service, with the limit of the
 * AWS service that holds it. Uniqueness by construction: set names have no dash, env and service
 * names never contain `--`, so `<set>-<env>` and `<service>--<set>-<env>` can be split back into
 * their parts and no two (set, env, service) triples share a name.
 */
import { Tier } from '../definitions/base-definition';
import { fitName } from './fit-name';

/** A derived name and the limit it must fit. */
export interface LimitedName {
  readonly kind: string;
  /** The name given to AWS: the readable name, or its shortened form when that is too long. */
  readonly value: string;
  readonly limit: number;
  /** The name before shortening, for tags and messages. Equals value when it fits. */
  readonly readable: string;
}

/** A name that must fit as it is (DNS labels, names other tools parse back): validation refuses it when too long. */
function exact(kind: string, value: string, limit: number): LimitedName {
  return { kind, value, limit, readable: value };
}

/** A name that is shortened to a stable form when too long (see fitName). */
function fitted(kind: string, readable: string, limit: number, suffix = ''): LimitedName {
  return { kind, value: fitName(readable, limit, { suffix }), limit, readable };
}

export interface EnvNameParts {
  readonly tier: Tier;
  readonly set: string;
  readonly env: string;
}

/** `<set>-<env>`: the key that makes every env-wide name unique. */
export function envKey(parts: EnvNameParts): string {
  return `${parts.set}-${parts.env}`;
}

/** Host label of the env's own URL: `<set>-<env>` (`demo-feature-login-28bb00.stage.example.com`). */
export function envHostLabel(parts: EnvNameParts): string {
  return envKey(parts);
}

/** Host label of a service route with a host prefix: `<prefix>--<set>-<env>`. */
export function prefixedHostLabel(parts: EnvNameParts, hostPrefix: string): string {
  return `${hostPrefix}--${envKey(parts)}`;
}

/** Every secret of an env lives under `branchenv/<tier>/<set>/<env>/`. */
export function envSecretRoot(parts: EnvNameParts): string {
  return `branchenv/${parts.tier}/${parts.set}/${parts.env}/`;
}

/**
 * Names of env secrets (`env secrets set … NAME`): letters, digits, `_` and `-`, like an environment
 * variable or a slug; not ending in `-` and six letters or digits, which Secrets Manager would read as
 * the random suffix of an ARN (tasks reference env secrets by name).
 */
export const ENV_SECRET_NAME = /^(?!.*-[A-Za-z0-9]{6}$)[A-Za-z][A-Za-z0-9_-]{0,127}$/;

/** What ENV_SECRET_NAME allows, for messages. */
export const ENV_SECRET_NAME_RULE = 'start with a letter, up to 128 letters, digits, _ and -, and not end in - plus six letters or digits (Secrets Manager reads that as an ARN suffix)';

/** Names that exist once per env. */
export function envNames(parts: EnvNameParts) {
  const key = envKey(parts);
  return {
    key,
    logGroup: exact('log group', `/branchenv/${parts.tier}/${parts.set}/${parts.env}`, 512),
    bucket: (accountId: string, region: string): LimitedName =>
      fitted('S3 bucket', `${parts.tier}-${key}-${accountId}-${region}`, 63, `-${accountId}-${region}`),
    table: exact('DynamoDB table', `${parts.tier}-${key}`, 255),
    /** The env's PostgreSQL database, and its owner role of the same name (63 bytes, PostgreSQL's NAMEDATALEN - 1). */
    database: exact('PostgreSQL database', key, 63),
    /** Secrets Manager secret the provisioner writes the database credentials into. */
    databaseSecret: exact('secret', `${envSecretRoot(parts)}database`, 512),
    /** Prefix of the env's own secrets (`env secrets set`). */
    envSecretPrefix: `${envSecretRoot(parts)}secrets/`,
  };
}

/**
 * Names that exist once per service of an env. The ECS service name stays exact: monitoring parses
 * `<set>-<env>--<service>` back into labels (it is at most 96 characters, far below 255).
 */
export function serviceNames(parts: EnvNameParts, service: string) {
  const scoped = `${envKey(parts)}--${service}`;
  return {
    ecsService: exact('ECS service', scoped, 255),
    taskFamily: exact('task definition family', `${parts.tier}-${scoped}`, 255),
    executionRole: fitted('IAM role', `${parts.tier}-${scoped}-exec`, 64, '-exec'),
    taskRole: fitted('IAM role', `${parts.tier}-${scoped}-task`, 64, '-task'),
    securityGroup: exact('security group', scoped, 255),
    targetGroup: fitted('target group', scoped, 32),
    /** Cloud Map service name: `<service>.<set>-<env>` under the base namespace. */
    discovery: exact('Cloud Map service', `${service}.${envKey(parts)}`, 127),
  };
}

/** Every limited name of a service, for validation. */
export function allServiceNames(parts: EnvNameParts, service: string, isPublic: boolean): LimitedName[] {
  const names = serviceNames(parts, service);
  const all = [names.ecsService, names.taskFamily, names.executionRole, names.taskRole, names.securityGroup, names.discovery];
  return isPublic ? [...all, names.targetGroup] : all;
}

/** Tags that keep a shortened name readable: `Name` with the readable name, or none when the name fits as it is. */
export function readableNameTags(name: LimitedName): Record<string, string> | undefined {
  return name.value === name.readable ? undefined : { Name: name.readable };
}
