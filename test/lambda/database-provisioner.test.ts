/**
 * The database provisioner's create / update / delete against a real PostgreSQL, run as an
 * RDS-like master role (CREATEROLE, CREATEDB, pg_signal_backend; no superuser).
 */
import { describeObjects, envInput, Fixture, startFixture } from './database-provisioner-fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
}, 60_000);
afterAll(async () => f?.stop());

describe('database provisioner lifecycle', () => {
  it('create: the role logs in with the password from the secret (SCRAM), owns the database and can create a table', async () => {
    const env = envInput('demo-create');
    const result = await f.run('create', env);
    expect(result).toEqual({ action: 'created', database: 'demo-create', role: 'demo-create', host: '127.0.0.1', port: f.server.port });
    expect(f.secret(env)).toMatchObject({ engine: 'postgres', host: '127.0.0.1', port: f.server.port, dbname: 'demo-create', username: 'demo-create' });
    expect(f.secret(env).password).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const client = await f.loginAs(env);
    await client.query('CREATE TABLE items (id int PRIMARY KEY)');
    expect((await client.query('SELECT current_user AS me')).rows[0].me).toBe('demo-create');
    await client.end();

    expect(await describeObjects(f, 'demo-create')).toEqual({
      db: { marker: 'branchenv:stage/demo/demo-create', owner: 'demo-create' },
      role: { marker: 'branchenv:stage/demo/demo-create' },
    });
    const role = await f.catalog<{ rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; rolinherit: boolean; rolpassword: string }>(
      'SELECT rolsuper, rolcreatedb, rolcreaterole, rolinherit, rolpassword FROM pg_authid WHERE rolname = $1',
      ['demo-create'],
    );
    // Member of no role: INHERIT only brings pg_database_owner's rights in its own database.
    expect(await f.catalog('SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = $1', ['demo-create'])).toBeUndefined();
    expect(role).toMatchObject({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolinherit: true });
    expect(role?.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
    // PUBLIC lost CONNECT and TEMP: only the owner role is granted.
    const acl = await f.catalog<{ acl: string }>('SELECT datacl::text AS acl FROM pg_database WHERE datname = $1', ['demo-create']);
    expect(acl?.acl).not.toMatch(/[{,]=/);
    // Nothing logged holds the password or the verifier.
    expect(f.logs.join('\n')).not.toContain(f.secret(env).password);
    expect(f.logs.join('\n')).not.toContain('SCRAM-SHA-256');
  });

  it('create again: succeeds and keeps the same password, so running services keep working', async () => {
    const env = envInput('demo-again');
    await f.run('create', env);
    const first = f.secret(env).password;
    const held = await f.loginAs(env);
    const writes = f.secrets.writes.length;
    await expect(f.run('create', env)).resolves.toMatchObject({ action: 'created' });
    expect(f.secret(env).password).toBe(first);
    expect(f.secrets.writes.length).toBe(writes); // same value: no new secret version
    const again = await f.loginAs(env);
    await again.end();
    await expect(held.query('SELECT 1')).resolves.toBeDefined();
    await held.end();
  });

  it('create again after a failure between CREATE DATABASE and its COMMENT: adopts the database its own role owns', async () => {
    const env = envInput('demo-unmarked');
    await f.run('create', env);
    await f.admin.query('COMMENT ON DATABASE "demo-unmarked" IS NULL');
    expect((await describeObjects(f, 'demo-unmarked')).db).toEqual({ marker: null, owner: 'demo-unmarked' });
    await expect(f.run('create', env)).resolves.toMatchObject({ action: 'created' });
    expect((await describeObjects(f, 'demo-unmarked')).db).toEqual({ marker: 'branchenv:stage/demo/demo-unmarked', owner: 'demo-unmarked' });
  });

  it('update with the same input: nothing happens and the result says so', async () => {
    const env = envInput('demo-same');
    await f.run('create', env);
    const writes = f.secrets.writes.length;
    await expect(f.run('update', env, env)).resolves.toMatchObject({ action: 'unchanged', database: 'demo-same' });
    expect(f.secrets.writes.length).toBe(writes);
  });

  it('update with new names: renames the database and role, keeps the data and the password, writes the new secret', async () => {
    const before = envInput('demo-old');
    await f.run('create', before);
    const old = await f.loginAs(before);
    await old.query('CREATE TABLE notes (body text)');
    await old.query(`INSERT INTO notes VALUES ('kept')`);
    old.on('error', () => undefined); // its session is ended by the rename

    const after = envInput('demo-new');
    await expect(f.run('update', after, before)).resolves.toMatchObject({ action: 'updated', database: 'demo-new', role: 'demo-new' });
    expect(await describeObjects(f, 'demo-old')).toEqual({ db: undefined, role: undefined });
    expect(await describeObjects(f, 'demo-new')).toEqual({
      db: { marker: 'branchenv:stage/demo/demo-new', owner: 'demo-new' },
      role: { marker: 'branchenv:stage/demo/demo-new' },
    });
    expect(f.secret(after).password).toBe(f.secret(before).password);
    const renamed = await f.loginAs(after);
    expect((await renamed.query('SELECT body FROM notes')).rows).toEqual([{ body: 'kept' }]);
    await renamed.end();
    await old.end().catch(() => undefined);
  });

  it('delete with an open connection of the env role: succeeds, ends the session, drops database and role', async () => {
    const env = envInput('demo-drop');
    await f.run('create', env);
    const held = await f.loginAs(env);
    const ended = new Promise<Error>((resolve) => held.on('error', resolve));
    await expect(f.run('delete', env)).resolves.toMatchObject({ action: 'deleted' });
    await expect(held.query('SELECT 1')).rejects.toThrow();
    await expect(ended).resolves.toBeInstanceOf(Error);
    expect(await describeObjects(f, 'demo-drop')).toEqual({ db: undefined, role: undefined });
    await expect(f.loginAs(env, 'postgres')).rejects.toThrow(/password authentication failed|does not exist/);
  });

  it('delete twice: the second delete succeeds and reports absent', async () => {
    const env = envInput('demo-twice');
    await f.run('create', env);
    await expect(f.run('delete', env)).resolves.toMatchObject({ action: 'deleted' });
    await expect(f.run('delete', env)).resolves.toMatchObject({ action: 'absent', database: 'demo-twice' });
  });

  it('delete after a half-done create (role only): drops what exists', async () => {
    const env = envInput('demo-half');
    f.secrets.failWrites = true;
    await expect(f.run('create', env)).rejects.toThrow(/PutSecretValue failed/);
    f.secrets.failWrites = false;
    expect(await describeObjects(f, 'demo-half')).toEqual({ db: undefined, role: { marker: 'branchenv:stage/demo/demo-half' } });
    await expect(f.run('delete', env)).resolves.toMatchObject({ action: 'deleted' });
    expect(await describeObjects(f, 'demo-half')).toEqual({ db: undefined, role: undefined });
  });
});
