/**
 * Every AWS name of a branch env, built from tier, set, env and service, with the limit of the
 * AWS service that holds it. Uniqueness by construction: set names have no dash, env and service
 * names never contain `--`, so `<set>-<env>` and `<service>--<set>-<env>` can be split back into
 * their parts and no two (set, env, service) triples share a name.
 */
import { Tier } from '../definitions/base-definition';

/** A derived name and the limit it must fit. */
export interface LimitedName {
  readonly kind: string;
  readonly value: string;
  readonly limit: number;
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

/** Names that exist once per env. */
export function envNames(parts: EnvNameParts) {
  const key = envKey(parts);
  return {
    key,
    logGroup: { kind: 'log group', value: `/branchenv/${parts.tier}/${parts.set}/${parts.env}`, limit: 512 },
    bucket: (accountId: string, region: string): LimitedName => ({
      kind: 'S3 bucket',
      value: `${parts.tier}-${key}-${accountId}-${region}`,
      limit: 63,
    }),
    table: { kind: 'DynamoDB table', value: `${parts.tier}-${key}`, limit: 255 },
  };
}

/** Names that exist once per service of an env. */
export function serviceNames(parts: EnvNameParts, service: string) {
  const scoped = `${envKey(parts)}--${service}`;
  const limited = (kind: string, value: string, limit: number): LimitedName => ({ kind, value, limit });
  return {
    ecsService: limited('ECS service', scoped, 255),
    taskFamily: limited('task definition family', `${parts.tier}-${scoped}`, 255),
    executionRole: limited('IAM role', `${parts.tier}-${scoped}-exec`, 64),
    taskRole: limited('IAM role', `${parts.tier}-${scoped}-task`, 64),
    securityGroup: limited('security group', scoped, 255),
    targetGroup: limited('target group', scoped, 32),
    /** Cloud Map service name: `<service>.<set>-<env>` under the base namespace. */
    discovery: limited('Cloud Map service', `${service}.${envKey(parts)}`, 127),
  };
}

/** Every limited name of a service, for validation. */
export function allServiceNames(parts: EnvNameParts, service: string, isPublic: boolean): LimitedName[] {
  const names = serviceNames(parts, service);
  const all = [names.ecsService, names.taskFamily, names.executionRole, names.taskRole, names.securityGroup, names.discovery];
  return isPublic ? [...all, names.targetGroup] : all;
}
