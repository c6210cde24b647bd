import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { probeUrl, probeUrls, renderProbes } from '../../src/smoke/probe-url';

const servers: (http.Server | https.Server)[] = [];

async function listen<S extends http.Server | https.Server>(server: S): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

const fast = { initialDelayMs: 50, maxDelayMs: 400, requestTimeoutMs: 300 };

describe('probeUrl', () => {
  it('succeeds after retries against a server that answers late at first', async () => {
    let requests = 0;
    const port = await listen(
      http.createServer((_req, res) => {
        requests++;
        // The first two answers come after the per-try timeout; the third at once.
        setTimeout(() => res.writeHead(200).end('ok'), requests <= 2 ? 1000 : 0);
      }),
    );
    const retries: string[] = [];
    const result = await probeUrl(`http://127.0.0.1:${port}/`, { ...fast, deadlineMs: 10_000, onRetry: (_u, attempt, problem) => retries.push(`${attempt}: ${problem}`) });
    expect(result).toMatchObject({ ok: true, status: 200, attempts: 3, tlsError: false });
    expect(retries).toEqual(['1: no answer within 0.3 s', '2: no answer within 0.3 s']);
  });

  it('fails at the deadline against a server that answers 503, and says so', async () => {
    let requests = 0;
    const port = await listen(
      http.createServer((_req, res) => {
        requests++;
        res.writeHead(503).end('down');
      }),
    );
    const started = Date.now();
    const result = await probeUrl(`http://127.0.0.1:${port}/health`, { ...fast, deadlineMs: 1200 });
    const elapsed = Date.now() - started;
    expect(result.ok).toBe(false);
    expect(result.status).toBe(503);
    expect(result.problem).toMatch(/^503 Service Unavailable; still failing after \d+ tries in \d+ s$/);
    // Backoff 50, 100, 200, 400, 400 ms: a handful of tries, not hundreds, and no longer than the deadline (plus one try).
    expect(result.attempts).toBe(requests);
    expect(requests).toBeGreaterThanOrEqual(3);
    expect(requests).toBeLessThanOrEqual(8);
    expect(elapsed).toBeGreaterThanOrEqual(1100);
    expect(elapsed).toBeLessThan(2500);
    expect(renderProbes([result])).toMatch(/^FAIL http:\/\/127\.0\.0\.1:\d+\/health: 503 Service Unavailable; still failing/);
  });

  it('refuses a self-signed certificate as a TLS error, at once, and never sends the request', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-subj', '/CN=localhost', '-days', '1', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    let requests = 0;
    const port = await listen(
      https.createServer({ key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) }, (_req, res) => {
        requests++;
        res.writeHead(200).end('should never be read');
      }),
    );
    fs.rmSync(dir, { recursive: true, force: true });
    const result = await probeUrl(`https://localhost:${port}/`, { ...fast, deadlineMs: 5_000 });
    expect(result.ok).toBe(false);
    expect(result.tlsError).toBe(true);
    expect(result.attempts).toBe(1);
    expect(result.problem).toMatch(/^TLS: self[- ]signed certificate/);
    expect(requests).toBe(0);
  });

  it('counts a redirect as success without following it, and reports every URL', async () => {
    const port = await listen(http.createServer((_req, res) => res.writeHead(301, { location: 'https://elsewhere.invalid/' }).end()));
    const results = await probeUrls([`http://127.0.0.1:${port}/`, 'ftp://example.invalid/'], { ...fast, deadlineMs: 1000 });
    expect(results.map((r) => [r.ok, r.status, r.problem])).toEqual([
      [true, 301, undefined],
      [false, undefined, 'unsupported protocol ftp:; still failing after ' + results[1].attempts + ' tries in ' + Math.round(results[1].elapsedMs / 1000) + ' s'],
    ]);
    expect(renderProbes(results).split('\n')[0]).toMatch(/^ok {3}http:\/\/127\.0\.0\.1:\d+\/ 301 \(1 try, 0 s\)$/);
  });
});
