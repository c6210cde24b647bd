import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http2 from 'node:http2';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { GRPC_NOTE, probeUrl, probeUrls, renderProbes } from '../../src/smoke/probe-url';

const servers: http2.Http2SecureServer[] = [];
let dir: string;
const pem = (name: string) => fs.readFileSync(path.join(dir, name));
const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore', cwd: dir });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-h2-'));
  // A self-signed leaf, and a CA with a leaf it signed, both for localhost.
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'self-key.pem', '-out', 'self-cert.pem', '-subj', '/CN=localhost', '-days', '1', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1');
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca-cert.pem', '-subj', '/CN=branchenv test CA', '-days', '1', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf-key.pem', '-out', 'leaf.csr', '-subj', '/CN=localhost');
  fs.writeFileSync(path.join(dir, 'leaf.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n');
  openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca-cert.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'leaf-cert.pem', '-days', '1', '-extfile', 'leaf.ext');
});

afterAll(async () => {
  for (const s of servers) await new Promise((resolve) => s.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An HTTP/2-only TLS server (allowHTTP1 off: an HTTP/1.1 client cannot talk to it). */
async function h2Server(key: string, cert: string, status: () => number): Promise<{ port: number; requests: string[] }> {
  const requests: string[] = [];
  const server = http2.createSecureServer({ key: pem(key), cert: pem(cert), allowHTTP1: false });
  server.on('stream', (stream, headers) => {
    requests.push(`${headers[':method']} ${headers[':path']} HTTP/2`);
    stream.respond({ ':status': status() });
    stream.end('body');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests };
}

const fast = { initialDelayMs: 50, maxDelayMs: 400, requestTimeoutMs: 1000 };

describe('probeUrl over HTTP/2', () => {
  it('refuses a self-signed certificate as a TLS error, at once, and never sends the request', async () => {
    const server = await h2Server('self-key.pem', 'self-cert.pem', () => 200);
    const result = await probeUrl(`https://localhost:${server.port}/`, { ...fast, deadlineMs: 5_000 }, 'http2');
    expect(result).toMatchObject({ ok: false, tlsError: true, attempts: 1 });
    expect(result.problem).toMatch(/^TLS: self[- ]signed certificate/);
    expect(server.requests).toEqual([]);
  });

  it('succeeds over h2 against a server whose certificate a given CA signed (verification on)', async () => {
    const server = await h2Server('leaf-key.pem', 'leaf-cert.pem', () => 200);
    const result = await probeUrl(`https://localhost:${server.port}/`, { ...fast, deadlineMs: 5_000, ca: pem('ca-cert.pem') }, 'http2');
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 1, tlsError: false, protocol: 'http2' });
    expect(server.requests).toEqual(['GET / HTTP/2']);
    expect(renderProbes([result])).toMatch(/^ok {3}https:\/\/localhost:\d+\/ 200 h2 \(1 try, 0 s\)\n$/);
    // The same CA does not make the self-signed server acceptable.
    const self = await h2Server('self-key.pem', 'self-cert.pem', () => 200);
    expect((await probeUrl(`https://localhost:${self.port}/`, { ...fast, deadlineMs: 5_000, ca: pem('ca-cert.pem') }, 'http2')).tlsError).toBe(true);
  });

  it('fails at the deadline against a server that answers 503 over h2', async () => {
    const server = await h2Server('leaf-key.pem', 'leaf-cert.pem', () => 503);
    const started = Date.now();
    const result = await probeUrl(`https://localhost:${server.port}/`, { ...fast, deadlineMs: 1200, ca: pem('ca-cert.pem') }, 'http2');
    const elapsed = Date.now() - started;
    expect(result).toMatchObject({ ok: false, status: 503, tlsError: false });
    expect(result.problem).toMatch(/^503; still failing after \d+ tries in \d+ s$/);
    expect(result.attempts).toBe(server.requests.length);
    expect(result.attempts).toBeGreaterThanOrEqual(3);
    expect(result.attempts).toBeLessThanOrEqual(8);
    expect(elapsed).toBeGreaterThanOrEqual(1100);
    expect(elapsed).toBeLessThan(3500);
  });

  it('does not probe grpc URLs and counts them as ok', async () => {
    const results = await probeUrls([{ url: 'https://api.invalid/', protocol: 'grpc' }], { ...fast, deadlineMs: 1000 });
    expect(results).toEqual([{ url: 'https://api.invalid/', ok: true, attempts: 0, elapsedMs: 0, tlsError: false, protocol: 'grpc', note: GRPC_NOTE }]);
    expect(renderProbes(results)).toBe('ok   https://api.invalid/ (grpc: checked by target health only)\n');
  });
});
