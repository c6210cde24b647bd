import { spawn, spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalS3 } from '../../src/local/local-s3';
import { STORE_LOCK_FILE } from '../../src/local/store-lock';
import { freePort } from '../helpers/docker-registry';
import { PROJECT_ROOT, runEnvScript } from '../helpers/env-script';

// One run at a time per local store: a second run is refused with a message, never a stack trace.
const newStore = () => fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-lock-'));
const lockOf = (store: string) => path.join(store, STORE_LOCK_FILE);
const lockPid = (store: string) => (JSON.parse(fs.readFileSync(lockOf(store), 'utf8')) as { pid: number }).pid;

/** local-s3.ts bundled for a child process (a run that exits or is killed while it holds the store). */
let bundle: string;
beforeAll(() => {
  bundle = path.join(newStore(), 'local-s3.js');
  buildSync({ entryPoints: [path.join(PROJECT_ROOT, 'src/local/local-s3.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
});

/** Starts the store in a child process, which calls process.exit (no close) when its stdin ends; resolves once it serves. */
async function childHoldingStore(store: string) {
  const script = `require(${JSON.stringify(bundle)}).startLocalS3(${JSON.stringify(store)}, ${await freePort()}).then(() => { console.log('up'); process.stdin.on('end', () => process.exit(0)).resume(); })`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => data.toString().includes('up') && resolve());
    void exited.then((code) => reject(new Error(`child exited with ${code}`)));
  });
  return { child, exited };
}

describe('the store lock', () => {
  it('refuses a second run on the same store while the first holds it, and lets it in after', async () => {
    const store = newStore();
    const first = await startLocalS3(store, await freePort());
    try {
      expect(lockPid(store)).toBe(process.pid);
      const second = startLocalS3(store, await freePort());
      await expect(second).rejects.toMatchObject({
        name: 'UserError',
        message: `another branchenv run uses this store (${store}, pid ${process.pid})`,
        hint: expect.stringMatching(/^wait for it to finish, or stop it \(kill \d+\)/),
      });
    } finally {
      await first.close();
    }
    expect(fs.existsSync(lockOf(store))).toBe(false);
    await (await startLocalS3(store, await freePort())).close();
  });

  it('is released when the process exits without closing the store', async () => {
    const store = newStore();
    const { child, exited } = await childHoldingStore(store);
    try {
      expect(lockPid(store)).toBe(child.pid);
    } finally {
      child.stdin?.end();
      expect(await exited).toBe(0);
    }
    expect(fs.readdirSync(store)).toEqual(['branchenv-local-state']);
  });

  it('takes over the lock of a run that was killed', async () => {
    const store = newStore();
    const { child, exited } = await childHoldingStore(store);
    try {
      expect(lockPid(store)).toBe(child.pid);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(lockPid(store)).toBe(child.pid); // left behind
    const next = await startLocalS3(store, await freePort());
    try {
      expect(lockPid(store)).toBe(process.pid);
    } finally {
      await next.close();
    }
  });

  it('takes over a lock whose pid no longer runs', async () => {
    const store = newStore();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    fs.writeFileSync(lockOf(store), JSON.stringify({ pid: dead, host: os.hostname(), started: new Date(0).toISOString() }));
    const s3 = await startLocalS3(store, await freePort());
    try {
      expect(lockPid(store)).toBe(process.pid);
    } finally {
      await s3.close();
    }
  });

  it('names a port taken by something else, and does not keep the lock', async () => {
    const store = newStore();
    const other = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => other.once('listening', resolve));
    const port = (other.address() as net.AddressInfo).port;
    await expect(startLocalS3(store, port)).rejects.toThrow(`port ${port} for the local S3 server is taken`);
    other.close();
    expect(fs.existsSync(lockOf(store))).toBe(false);
  });
});

describe('env --local while another run uses the store', () => {
  it('is refused in two lines, no stack trace', async () => {
    const work = newStore();
    const store = path.join(work, '.branchenv', 'local', 's3');
    const held = await startLocalS3(store, await freePort());
    try {
      const result = runEnvScript(['list', '--local'], { cwd: work, env: { BRANCHENV_LOCAL_S3_PORT: String(await freePort()) } });
      expect(result.status).toBe(1);
      expect(result.stderr).toBe(
        `env: another branchenv run uses this store (${store}, pid ${process.pid})\n` +
          `     wait for it to finish, or stop it (kill ${process.pid}); a lock left by a run that died is taken over by itself (file: ${path.join(store, STORE_LOCK_FILE)})\n`,
      );
    } finally {
      await held.close();
    }
  });
});
