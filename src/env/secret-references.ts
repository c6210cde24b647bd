import { SecretSource } from '../definitions/service-set';

/** A secret as ECS injects it and as IAM must allow it. */
export interface ResolvedSecret {
  /** Environment variable name inside the container. */
  readonly name: string;
  /** What ECS reads (`valueFrom`). */
  readonly valueFrom: string;
  readonly store: 'secretsmanager' | 'ssm';
  /** Resource the execution role may read. */
  readonly iamResource: string;
}

export interface AccountRegion {
  readonly accountId: string;
  readonly region: string;
  /** Prefix of the env's own secrets (`branchenv/<tier>/<set>/<env>/secrets/`), for `envSecret` references. */
  readonly envSecretPrefix: string;
}

/**
 * Turns a definition's secret reference (a name or an ARN) into ECS's valueFrom and the IAM
 * resource for it. A Secrets Manager name gets the `-??????` suffix pattern AWS appends to ARNs.
 */
export function resolveSecret(name: string, source: SecretSource, where: AccountRegion): ResolvedSecret {
  if ('envSecret' in source) return resolveSecret(name, { secretsManager: `${where.envSecretPrefix}${source.envSecret}` }, where);
  if ('secretsManager' in source) {
    const given = source.secretsManager;
    const isArn = given.startsWith('arn:');
    const base = isArn ? given : `arn:aws:secretsmanager:${where.region}:${where.accountId}:secret:${given}`;
    return {
      name,
      valueFrom: source.jsonKey ? `${base}:${source.jsonKey}::` : base,
      store: 'secretsmanager',
      iamResource: isArn ? given : `${base}-??????`,
    };
  }
  const given = source.ssmParameter;
  const arn = given.startsWith('arn:') ? given : `arn:aws:ssm:${where.region}:${where.accountId}:parameter/${given.replace(/^\//, '')}`;
  return { name, valueFrom: arn, store: 'ssm', iamResource: arn };
}
