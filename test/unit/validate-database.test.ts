import { clusterSettings } from '../../src/database/cluster-settings';
import { BaseDefinition, DatabaseClusterDefinition, DEFAULT_AURORA_POSTGRES_VERSION } from '../../src/definitions/base-definition';
import { DefinitionError } from '../../src/definitions/definition-error';
import { ServiceSetDefinition } from '../../src/definitions/service-set';
import { loadServiceSet } from '../../src/definitions/service-sets';
import { loadBase } from '../../src/definitions/tiers';
import { baseProblems, validateBase } from '../../src/definitions/validate-base';
import { serviceSetProblems } from '../../src/definitions/validate-service-set';
import { service, set } from '../helpers/set-builders';

const stageBase = loadBase('stage');
const prodBase = loadBase('prod');

/** The tier's committed base with its `database` replaced. */
function withDatabase(base: BaseDefinition, database: DatabaseClusterDefinition | undefined): BaseDefinition {
  return { ...base, database };
}

/** Problems of the base's database part only (path starts with `database`). */
function databaseProblems(base: BaseDefinition): { path: string; message: string }[] {
  return baseProblems(base).filter((p) => p.path.startsWith('database'));
}

describe('validation of a base database', () => {
  it('accepts the committed stage and prod bases, which both define a database', () => {
    expect(stageBase.database).toBeDefined();
    expect(prodBase.database).toBeDefined();
    expect(baseProblems(stageBase)).toEqual([]);
    expect(baseProblems(prodBase)).toEqual([]);
  });

  it('refuses a prod cluster that may pause (minCapacity 0): prod keeps a floor', () => {
    const base = withDatabase(prodBase, { ...prodBase.database, minCapacity: 0 });
    expect(baseProblems(base)).toEqual([{ path: 'database.minCapacity', message: expect.stringMatching(/prod keeps a floor.*0\.5 or more/) }]);
    expect(() => validateBase(base, 'prod/base.ts')).toThrow(DefinitionError);
    expect(() => validateBase(base, 'prod/base.ts')).toThrow(/prod\/base\.ts is invalid/);
  });

  it('lets a stage cluster pause (minCapacity 0)', () => {
    expect(databaseProblems(withDatabase(stageBase, { minCapacity: 0, secondsUntilAutoPause: 600 }))).toEqual([]);
  });

  it('refuses secondsUntilAutoPause on a cluster that cannot pause (minCapacity above 0)', () => {
    const base = withDatabase(stageBase, { minCapacity: 0.5, secondsUntilAutoPause: 600 });
    expect(databaseProblems(base)).toEqual([
      { path: 'database.secondsUntilAutoPause', message: expect.stringMatching(/only with minCapacity 0.*minCapacity is 0\.5/) },
    ]);
  });

  it.each([299, 86401, 0, 600.5])('refuses an auto-pause of %p seconds (300 to 86400 whole seconds)', (seconds) => {
    const base = withDatabase(stageBase, { minCapacity: 0, secondsUntilAutoPause: seconds });
    expect(databaseProblems(base)).toEqual([
      { path: 'database.secondsUntilAutoPause', message: expect.stringMatching(/must be whole seconds from 300 to 86400/) },
    ]);
  });

  it.each([300, 86400])('accepts an auto-pause of %p seconds (the bounds)', (seconds) => {
    expect(databaseProblems(withDatabase(stageBase, { minCapacity: 0, secondsUntilAutoPause: seconds }))).toEqual([]);
  });

  it('refuses capacities that are not in steps of 0.5 ACU', () => {
    const base = withDatabase(stageBase, { minCapacity: 0.25, maxCapacity: 4.3 });
    const problems = databaseProblems(base);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'database.minCapacity', message: expect.stringMatching(/0\.25 must be 0 to 256 ACUs in steps of 0\.5/) },
        { path: 'database.maxCapacity', message: expect.stringMatching(/4\.3 must be 1 to 256 ACUs in steps of 0\.5/) },
      ]),
    );
    expect(problems).toHaveLength(2);
  });

  it('accepts half-ACU capacities', () => {
    expect(databaseProblems(withDatabase(stageBase, { minCapacity: 1.5, maxCapacity: 2.5 }))).toEqual([]);
  });

  it('refuses a maximum capacity below the minimum', () => {
    const base = withDatabase(stageBase, { minCapacity: 8, maxCapacity: 4 });
    expect(databaseProblems(base)).toEqual([{ path: 'database.maxCapacity', message: expect.stringMatching(/4 is below minCapacity 8/) }]);
  });

  it('refuses a prod backup retention under 7 days and accepts 7', () => {
    expect(databaseProblems(withDatabase(prodBase, { ...prodBase.database, backupRetentionDays: 6 }))).toEqual([
      { path: 'database.backupRetentionDays', message: expect.stringMatching(/6 is too short for prod; keep at least 7 days/) },
    ]);
    expect(databaseProblems(withDatabase(prodBase, { ...prodBase.database, backupRetentionDays: 7 }))).toEqual([]);
    // Stage may keep a single day.
    expect(databaseProblems(withDatabase(stageBase, { ...stageBase.database, backupRetentionDays: 1 }))).toEqual([]);
  });

  it.each(['15.4', '17.1', '16', 'latest', '16.6.1'])('refuses engine version %p (an Aurora PostgreSQL 16.x is required)', (engineVersion) => {
    expect(databaseProblems(withDatabase(stageBase, { ...stageBase.database, engineVersion }))).toEqual([
      { path: 'database.engineVersion', message: expect.stringMatching(/is not an Aurora PostgreSQL 16 version/) },
    ]);
  });

  it('accepts another 16.x engine version', () => {
    expect(databaseProblems(withDatabase(stageBase, { ...stageBase.database, engineVersion: '16.4' }))).toEqual([]);
  });

  it('refuses scaling to 0 ACUs on a 16.x before 16.3, which cannot pause', () => {
    expect(databaseProblems(withDatabase(stageBase, { ...stageBase.database, engineVersion: '16.2' }))).toEqual([
      { path: 'database.engineVersion', message: expect.stringMatching(/16.2 cannot scale to 0 ACUs \(Aurora PostgreSQL 16.3 or later can\)/) },
    ]);
    expect(databaseProblems(withDatabase(stageBase, { minCapacity: 0.5, engineVersion: '16.2' }))).toEqual([]);
  });
});

describe('cluster settings resolved from a base', () => {
  it('gives a stage cluster that pauses after 600 s, one instance, no deletion protection and no final snapshot', () => {
    expect(clusterSettings(withDatabase(stageBase, {}))).toEqual({
      engineVersion: DEFAULT_AURORA_POSTGRES_VERSION,
      minCapacity: 0,
      maxCapacity: 4,
      secondsUntilAutoPause: 600,
      backupRetentionDays: 1,
      instances: 1,
      deletionProtection: false,
      finalSnapshot: false,
    });
  });

  it('gives a prod cluster a 0.5 ACU floor without pausing, two instances, deletion protection and a final snapshot', () => {
    expect(clusterSettings(withDatabase(prodBase, {}))).toEqual({
      engineVersion: DEFAULT_AURORA_POSTGRES_VERSION,
      minCapacity: 0.5,
      maxCapacity: 16,
      secondsUntilAutoPause: undefined,
      backupRetentionDays: 14,
      instances: 2,
      deletionProtection: true,
      finalSnapshot: true,
    });
  });

  it('keeps what the definition sets over the defaults', () => {
    const settings = clusterSettings(withDatabase(stageBase, { minCapacity: 1, maxCapacity: 8, instances: 3, backupRetentionDays: 5 }));
    expect(settings).toEqual(expect.objectContaining({ minCapacity: 1, maxCapacity: 8, instances: 3, backupRetentionDays: 5, secondsUntilAutoPause: undefined }));
  });

  it('has no cluster for a base without a database', () => {
    expect(clusterSettings(withDatabase(stageBase, undefined))).toBeUndefined();
  });
});

const problemsOf = (s: ServiceSetDefinition, base: BaseDefinition = stageBase) => serviceSetProblems(s, { base });

describe('validation of a set database', () => {
  it('accepts the committed demo sets of stage and prod, which declare a database and a migration', () => {
    for (const tier of ['stage', 'prod'] as const) {
      const demo = loadServiceSet(tier, 'demo').definition;
      expect(demo.database?.migrate).toBeDefined();
      expect(serviceSetProblems(demo, { base: loadBase(tier) })).toEqual([]);
    }
  });

  it('accepts a database with a migration run by a service that uses it', () => {
    const ok = set([service('api', { uses: ['database'] })], { database: { migrate: { service: 'api', command: ['npm', 'run', 'migrate'], timeoutSeconds: 840 } } });
    expect(problemsOf(ok)).toEqual([]);
  });

  it('refuses a database on a base without a cluster, naming the base file to change', () => {
    const problems = problemsOf(set([service('api', { uses: ['database'] })], { database: {} }), withDatabase(stageBase, undefined));
    expect(problems).toEqual([{ path: 'database', message: expect.stringMatching(/stage base defines no database cluster.*stage\/base\.ts/) }]);
  });

  it('refuses a service that uses the database when the set declares none', () => {
    const problems = problemsOf(set([service('web'), service('api', { uses: ['database'] })]));
    expect(problems).toEqual([{ path: 'services[1].uses', message: expect.stringMatching(/uses the env database, but the set declares none/) }]);
  });

  it('refuses a migration run by a service that is not in the set', () => {
    const problems = problemsOf(set([service('api', { uses: ['database'] })], { database: { migrate: { service: 'billing', command: ['migrate'] } } }));
    expect(problems).toEqual([{ path: 'database.migrate.service', message: expect.stringMatching(/"billing" is not a service of the set \(api\)/) }]);
  });

  it('refuses a migration run by a service that does not use the database', () => {
    const problems = problemsOf(
      set([service('web'), service('api', { uses: ['database'] })], { database: { migrate: { service: 'web', command: ['migrate'] } } }),
    );
    expect(problems).toEqual([{ path: 'database.migrate.service', message: expect.stringMatching(/web does not use the database/) }]);
  });

  it.each([[[]], [['npm', '', 'migrate']]])('refuses the migration command %j', (command) => {
    const problems = problemsOf(set([service('api', { uses: ['database'] })], { database: { migrate: { service: 'api', command } } }));
    expect(problems).toEqual([{ path: 'database.migrate.command', message: expect.stringMatching(/needs a command/) }]);
  });

  it.each([29, 841, 0, 60.5])('refuses a migration timeout of %p seconds (30 to 840)', (timeoutSeconds) => {
    const problems = problemsOf(set([service('api', { uses: ['database'] })], { database: { migrate: { service: 'api', command: ['migrate'], timeoutSeconds } } }));
    expect(problems).toEqual([{ path: 'database.migrate.timeoutSeconds', message: expect.stringMatching(/must be whole seconds from 30 to 840/) }]);
  });

  it('accepts a migration timeout of 30 seconds (the lower bound)', () => {
    const ok = set([service('api', { uses: ['database'] })], { database: { migrate: { service: 'api', command: ['migrate'], timeoutSeconds: 30 } } });
    expect(problemsOf(ok)).toEqual([]);
  });

  it('refuses a service that uses the database and sets PGHOST or DATABASE_URL itself', () => {
    const problems = problemsOf(
      set(
        [
          service('api', { uses: ['database'], environment: { PGHOST: 'elsewhere.example.com' } }),
          service('worker', { uses: ['database'], secrets: { DATABASE_URL: { secretsManager: 'demo/stage/db-url' } } }),
        ],
        { database: {} },
      ),
    );
    expect(problems).toEqual([
      { path: 'services[0]', message: expect.stringMatching(/PGHOST is set by the env database/) },
      { path: 'services[1]', message: expect.stringMatching(/DATABASE_URL is set by the env database/) },
    ]);
  });

  it('lets a service that does not use the env database set PGHOST for a database of its own', () => {
    const ok = set([service('api', { uses: ['database'] }), service('reports', { environment: { PGHOST: 'warehouse.example.com' } })], { database: {} });
    expect(problemsOf(ok)).toEqual([]);
  });

  it.each([
    ['starting with a digit', '1session-key'],
    ['with a space', 'session key'],
    ['with dots', 'session.key'],
    ['of 129 characters', 'a'.repeat(129)],
    ['ending like an ARN suffix (Secrets Manager would read `-tokens` as one)', 'api-tokens'],
  ])('refuses an env secret name %s', (_label, name) => {
    const problems = problemsOf(
      set([
        service('api', {
          secrets: { APP_SECRET: { envSecret: name } },
          extraContainers: [{ name: 'sidecar', image: 'public.ecr.aws/docker/library/busybox:1.37', secrets: { SIDE_SECRET: { envSecret: name } } }],
        }),
      ]),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'services[0].secrets.APP_SECRET', message: expect.stringMatching(/env secret ".*" must start with a letter/) },
        { path: 'services[0].extraContainers[0].secrets.SIDE_SECRET', message: expect.stringMatching(/env secret ".*" must start with a letter/) },
      ]),
    );
  });

  it('accepts env secret names of letters, digits, _ and - up to 128 characters', () => {
    const ok = set([service('api', { secrets: { A: { envSecret: 'session-signing-key' }, B: { envSecret: `K${'_'.repeat(127)}` } } })]);
    expect(problemsOf(ok)).toEqual([]);
  });
});

describe('a set whose env databases PostgreSQL would refuse', () => {
  it('is refused when its name starts with rds or pg (each env database is named <set>-<env>)', () => {
    const problems = serviceSetProblems(set([service('api', { uses: ['database'] })], { name: 'rdstools', database: {} }), { base: loadBase('stage') });
    expect(problems).toContainEqual({ path: 'name', message: expect.stringMatching(/"rdstools" would name each env database "rdstools-<env>"/) });
  });
});
