import { ENV_SECRET_NAME, ENV_SECRET_NAME_RULE } from '../names/env-resource-names';
import { BaseDefinition } from './base-definition';
import { ServiceSetDefinition } from './service-set';

/** What a service that uses the database gets; a definition may not set these itself. */
export const DATABASE_ENV_NAMES = ['PGHOST', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGPASSWORD', 'PGSSLMODE', 'DATABASE_URL'] as const;

/** How long the apply waits for a migration by default. */
export const DEFAULT_MIGRATE_SECONDS = 600;

/** Longest a migration may run: the task runner is a Lambda function (15 min), less a margin. */
export const MAX_MIGRATE_SECONDS = 840;

/** Problems of a set's `database`, of services that use it and of env secret references. */
export function setDatabaseProblems(set: ServiceSetDefinition, base: BaseDefinition, add: (path: string, message: string) => void): void {
  const users = set.services.filter((s) => (s.uses ?? []).includes('database')).map((s) => s.name);
  if (set.database && /^(rds|pg)/.test(set.name)) {
    add('name', `"${set.name}" would name each env database "${set.name}-<env>", and PostgreSQL and RDS reserve names starting with rds or pg; rename the set`);
  }
  if (set.database && !base.database) {
    add('database', `the ${base.tier} base defines no database cluster; add \`database: {}\` to ${base.tier}/base.ts and apply the base first`);
  }
  set.services.forEach((service, i) => {
    const uses = (service.uses ?? []).includes('database');
    if (uses && !set.database) add(`services[${i}].uses`, 'uses the env database, but the set declares none; add `database: {}` to the set');
    if (uses) {
      for (const name of DATABASE_ENV_NAMES) {
        if (service.environment?.[name] !== undefined || service.secrets?.[name] !== undefined) {
          add(`services[${i}]`, `${name} is set by the env database for services that use it; remove it from environment/secrets`);
        }
      }
    }
    const sources = [
      ...Object.entries(service.secrets ?? {}).map(([k, v]) => [`services[${i}].secrets.${k}`, v] as const),
      ...(service.extraContainers ?? []).flatMap((c, j) =>
        Object.entries(c.secrets ?? {}).map(([k, v]) => [`services[${i}].extraContainers[${j}].secrets.${k}`, v] as const),
      ),
    ];
    for (const [path, source] of sources) {
      if ('envSecret' in source && !ENV_SECRET_NAME.test(source.envSecret)) {
        add(path, `env secret "${source.envSecret}" must ${ENV_SECRET_NAME_RULE}`);
      }
    }
  });
  const migrate = set.database?.migrate;
  if (!migrate) return;
  const service = set.services.find((s) => s.name === migrate.service);
  if (!service) add('database.migrate.service', `"${migrate.service}" is not a service of the set (${set.services.map((s) => s.name).join(', ')})`);
  else if (!users.includes(service.name)) add('database.migrate.service', `${service.name} does not use the database; add 'database' to its uses`);
  if (migrate.command.length === 0 || migrate.command.some((part) => part.length === 0)) add('database.migrate.command', 'needs a command such as ["npm", "run", "migrate"], without empty parts');
  const timeout = migrate.timeoutSeconds;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 30 || timeout > MAX_MIGRATE_SECONDS)) {
    add('database.migrate.timeoutSeconds', `${timeout} must be whole seconds from 30 to ${MAX_MIGRATE_SECONDS} (the task runner is a Lambda function)`);
  }
}
