/**
 * What keeps envs apart, against a real PostgreSQL: name limits and quoting, no sharing between
 * envs, no take-over of foreign objects, and a secret that always holds the role's real password.
 */
import { describeObjects, envInput, Fixture, startFixture } from './database-provisioner-fixture';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
}, 60_000);
afterAll(async () => f?.stop());

describe('database provisioner isolation', () => {
  it('names at the 63-byte limit work; 64 bytes are refused with the limit in the message', async () => {
    const name = `demo-${'x'.repeat(58)}`;
    expect(Buffer.byteLength(name)).toBe(63);
    const env = envInput(name);
    await expect(f.run('create', env)).resolves.toMatchObject({ action: 'created', database: name });
    expect((await describeObjects(f, name)).db?.owner).toBe(name);
    const client = await f.loginAs(env);
    await client.end();
    await f.run('delete', env);
    await expect(f.run('create', envInput(`${name}y`))).rejects.toThrow(/is 64 bytes, PostgreSQL allows at most 63: shorten it/);
  });

  it('names with dashes are quoted; a hostile name is refused by validation before any SQL', async () => {
    const env = envInput('9-a--b-');
    await expect(f.run('create', env)).resolves.toMatchObject({ action: 'created' });
    expect((await describeObjects(f, '9-a--b-')).db?.owner).toBe('9-a--b-');
    const hostile = 'a"; DROP DATABASE postgres; --';
    await expect(f.run('create', envInput('demo-hostile', { database: hostile }))).rejects.toThrow(
      /event.database "a\\"; DROP DATABASE postgres; --" must use only lowercase letters, digits and dashes/,
    );
    await expect(f.run('create', envInput('demo-hostile', { role: 'Demo' }))).rejects.toThrow(/event.role "Demo" must use only lowercase/);
    expect(await describeObjects(f, 'postgres')).toMatchObject({ db: { owner: 'postgres' } });
    expect(await describeObjects(f, 'demo-hostile')).toEqual({ db: undefined, role: undefined });
  });

  it("two envs never share a role or database, and env A's role cannot connect to env B's database", async () => {
    const a = envInput('demo-a');
    const b = envInput('demo-b');
    await f.run('create', a);
    await f.run('create', b);
    expect(f.secret(a).password).not.toBe(f.secret(b).password);
    await expect(f.loginAs(a, 'demo-b')).rejects.toThrow(/permission denied for database "demo-b"/);
    await expect(f.loginAs(b, 'demo-a')).rejects.toThrow(/permission denied for database "demo-a"/);
    // Another env asking for A's role (or database) is refused, naming both owners; A keeps working.
    const thief = envInput('demo-c', { role: 'demo-a' });
    await expect(f.run('create', thief)).rejects.toThrow(
      'role "demo-a" already exists and belongs to "branchenv:stage/demo/demo-a", not "branchenv:stage/demo/demo-c"',
    );
    await expect(f.run('create', envInput('demo-c', { database: 'demo-b' }))).rejects.toThrow(/database "demo-b" already exists and belongs to "branchenv:stage\/demo\/demo-b"/);
    await expect(f.run('delete', envInput('demo-c', { role: 'demo-a', database: 'demo-a' }))).rejects.toThrow(/role "demo-a" already exists/);
    expect(f.secrets.values.has(thief.secretArn)).toBe(false);
    const client = await f.loginAs(a);
    await client.end();
  });

  it('a foreign database of the same name (no marker) is refused, not taken over, and nothing is created', async () => {
    await f.admin.query('CREATE DATABASE "demo-handmade"');
    const env = envInput('demo-handmade');
    await expect(f.run('create', env)).rejects.toThrow(
      /database "demo-handmade" already exists and belongs to no branchenv env .*not "branchenv:stage\/demo\/demo-handmade".*give this env another database name/,
    );
    await expect(f.run('delete', env)).rejects.toThrow(/database "demo-handmade" already exists and belongs to no branchenv env/);
    expect(await describeObjects(f, 'demo-handmade')).toEqual({ db: { marker: null, owner: 'branchenv_admin' }, role: undefined });
    expect(f.secrets.values.has(env.secretArn)).toBe(false);
  });

  it('a hand-made role of the same name is refused, not given a new password', async () => {
    await f.admin.query(`CREATE ROLE "demo-person" LOGIN PASSWORD 'their own'`);
    await expect(f.run('create', envInput('demo-person'))).rejects.toThrow(/role "demo-person" already exists and belongs to no branchenv env/);
    const client = await f.server.connect('demo-person', 'their own', 'postgres');
    await client.end();
  });

  it('the secret never receives a password other than the role’s: every written password logs in', async () => {
    const env = envInput('demo-secret');
    // A value left by someone else (another username) or no JSON at all is replaced, not trusted.
    f.secrets.values.set(env.secretArn, JSON.stringify({ username: 'someone-else', password: 'not-ours' }));
    await f.run('create', env);
    expect(f.secret(env).password).not.toBe('not-ours');
    f.secrets.values.set(env.secretArn, 'not json');
    await f.run('create', env);
    // A create failing at PutSecretValue leaves the role with a password no secret has; the retry fixes both.
    f.secrets.values.delete(env.secretArn);
    f.secrets.failWrites = true;
    await expect(f.run('create', env)).rejects.toThrow(/PutSecretValue failed/);
    f.secrets.failWrites = false;
    await f.run('create', env);
    const written = f.secrets.writes.filter((w) => w.arn === env.secretArn).map((w) => JSON.parse(w.value).password as string);
    expect(written.length).toBe(3);
    const last = written[written.length - 1];
    const client = await f.server.connect('demo-secret', last, 'demo-secret');
    await client.end();
    for (const stale of written.slice(0, -1)) await expect(f.server.connect('demo-secret', stale, 'demo-secret')).rejects.toThrow(/password authentication failed/);
  });
});
