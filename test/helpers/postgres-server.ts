/**
 * A throwaway PostgreSQL cluster for one test file: Debian's server binaries (the newest
 * /usr/lib/postgresql/<major>/bin), a temp data folder, loopback TCP on a free port with
 * scram-sha-256 password auth, and a unix socket in the temp folder where the `postgres` superuser
 * gets in without a password. As root (CI), initdb and pg_ctl run as Debian's `postgres` user.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './docker-registry';

const run = promisify(execFile);
const DEBIAN_ROOT = '/usr/lib/postgresql';

export interface TestPostgres {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Folder of the unix socket (the superuser's trust login). */
  readonly socketDir: string;
  /** A connected client as the superuser `postgres`, over the unix socket. */
  superuser(database?: string): Promise<Client>;
  /** A connected client over TCP with a password (SCRAM), as any role. */
  connect(user: string, password: string, database: string): Promise<Client>;
  stop(): Promise<void>;
}

/** The newest installed server's bin folder, or a loud error saying how to install one. */
export function postgresBinDir(root = DEBIAN_ROOT): string {
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^\d+$/.test(d)) : [];
  const found = majors
    .sort((a, b) => Number(b) - Number(a))
    .map((m) => path.join(root, m, 'bin'))
    .find((bin) => fs.existsSync(path.join(bin, 'initdb')) && fs.existsSync(path.join(bin, 'pg_ctl')));
  if (!found) {
    throw new Error(`no PostgreSQL server under ${root}/<major>/bin: install Debian's postgresql (apt-get install postgresql); CI installs it`);
  }
  return found;
}

async function idOf(flag: '-u' | '-g', user: string): Promise<number> {
  return Number((await run('id', [flag, user])).stdout.trim());
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  // As root, TMPDIR may sit where the postgres user cannot reach (/root/...): use /tmp then.
  const dir = fs.mkdtempSync(path.join(asRoot ? '/tmp' : os.tmpdir(), 'branchenv-pg-'));
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'sock');
  const logFile = path.join(dir, 'server.log');
  fs.mkdirSync(socketDir);
  // initdb refuses to run as root: hand the folder to Debian's postgres user and run as it.
  if (asRoot) for (const p of [dir, socketDir]) fs.chownSync(p, await idOf('-u', 'postgres'), await idOf('-g', 'postgres'));
  const exec = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]) : run(path.join(bin, tool), args);
  const port = await freePort();
  const serverLog = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '(no server log)');

  try {
    await exec('initdb', ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${socketDir} -c fsync=off -c full_page_writes=off -c max_connections=50`;
    await exec('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${serverLog()}`);
  }

  async function connected(client: Client): Promise<Client> {
    await client.connect();
    return client;
  }
  return {
    host: '127.0.0.1',
    port,
    socketDir,
    superuser: (database = 'postgres') => connected(new Client({ host: socketDir, port, user: 'postgres', database })),
    connect: (user, password, database) => connected(new Client({ host: '127.0.0.1', port, user, password, database })),
    async stop() {
      try {
        await exec('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Creates a login role like the RDS master user: CREATEROLE, CREATEDB and pg_signal_backend, NOT
 * superuser (Aurora's rds_superuser is no PostgreSQL superuser either).
 */
export async function createMasterRole(server: TestPostgres, name: string, password: string): Promise<void> {
  const su = await server.superuser();
  try {
    const role = su.escapeIdentifier(name);
    await su.query(`CREATE ROLE ${role} LOGIN PASSWORD ${su.escapeLiteral(password)} CREATEROLE CREATEDB`);
    await su.query(`GRANT pg_signal_backend TO ${role}`);
  } finally {
    await su.end();
  }
}
