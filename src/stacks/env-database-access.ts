/**
 * What a service that uses the env database gets: libpq's PG* variables and a DATABASE_URL
 * without the password (libpq and most drivers take PGPASSWORD beside it), and PGPASSWORD as an
 * ECS secret read from the credentials secret at task start.
 */
import { Fn } from 'cdktf';
import { ContainerSecret } from '../../modules/service/container-definitions';
import { ResolvedSecret } from '../env/secret-references';

export interface DatabaseAccess {
  readonly environment: Readonly<Record<string, string>>;
  readonly secret: ContainerSecret;
  /** What the execution role must be allowed to read (the credentials secret's ARN pattern). */
  readonly secretArn: string;
}

/** `secret`: the credentials secret's `password` key, resolved like any secret reference (PGPASSWORD). */
export function databaseAccess(input: { host: string; port: number; name: string; secret: ResolvedSecret }): DatabaseAccess {
  const port = Fn.tostring(input.port);
  return {
    environment: {
      PGHOST: input.host,
      PGPORT: port,
      PGDATABASE: input.name,
      PGUSER: input.name,
      PGSSLMODE: 'require',
      DATABASE_URL: `postgres://${input.name}@${input.host}:${port}/${input.name}?sslmode=require`,
    },
    secret: { name: input.secret.name, valueFrom: input.secret.valueFrom },
    secretArn: input.secret.iamResource,
  };
}
