/**
 * A real OCI registry for tests: Debian's docker-registry on a free loopback port with its storage
 * in a temp folder, and a way to push tagged images through the registry HTTP API (a config blob
 * and a manifest per tag; no Docker engine needed).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  readonly host: string;
  push(repository: string, tags: readonly string[]): Promise<void>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`docker-registry did not answer at ${url}: ${log()}`);
}

export async function startRegistry(): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-registry-'));
  const port = await freePort();
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(
    config,
    [
      'version: 0.1',
      'log: { level: error }',
      'storage:',
      `  filesystem: { rootdirectory: ${JSON.stringify(path.join(dir, 'data'))} }`,
      '  delete: { enabled: true }',
      `http: { addr: "127.0.0.1:${port}" }`,
    ].join('\n'),
  );
  let output = '';
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const base = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${base}/v2/`, child, () => output);

  const configBlob = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const configDigest = `sha256:${createHash('sha256').update(configBlob).digest('hex')}`;
  const uploaded = new Set<string>();

  async function uploadConfig(repository: string): Promise<void> {
    if (uploaded.has(repository)) return;
    const start = await fetch(`${base}/v2/${repository}/blobs/uploads/`, { method: 'POST' });
    if (start.status !== 202) throw new Error(`blob upload start: ${start.status}`);
    const location = new URL(start.headers.get('location')!, base);
    location.searchParams.set('digest', configDigest);
    const put = await fetch(location, { method: 'PUT', body: configBlob, headers: { 'Content-Type': 'application/octet-stream' } });
    if (put.status !== 201) throw new Error(`blob upload: ${put.status} ${await put.text()}`);
    uploaded.add(repository);
  }

  return {
    host: `127.0.0.1:${port}`,
    async push(repository, tags) {
      await uploadConfig(repository);
      const manifest = JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: configBlob.length },
        layers: [],
      });
      for (const tag of tags) {
        const put = await fetch(`${base}/v2/${repository}/manifests/${tag}`, {
          method: 'PUT',
          body: manifest,
          headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
        });
        if (put.status !== 201) throw new Error(`manifest ${repository}:${tag}: ${put.status} ${await put.text()}`);
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
