/**
 * A stand-in state bucket in its own process, for tests that run scripts/env with spawnSync (which
 * blocks the test's process, so a server inside it could not answer). The env script's S3 client
 * reaches it through the SDK's own AWS_ENDPOINT_URL_S3 (an IP endpoint: path-style requests). It
 * answers ListObjectsV2 and GetObject from files under its folder (`<bucket>/<key>`), which a test
 * writes synchronously with `put`; anything else is 501. It also stands in for Service Quotas
 * (AWS_ENDPOINT_URL_SERVICE_QUOTAS): GetServiceQuota answers the quotas set with `setQuotas`, and
 * NoSuchResourceException for the others (as for an account that never changed them), so does
 * GetAWSDefaultServiceQuota unless a default is set. And for STS (AWS_ENDPOINT_URL_STS):
 * GetCallerIdentity names the account set with `setAccount`.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SERVER = `
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const [root] = process.argv.slice(1);
const esc = (t) => String(t).replace(/[<>&'"]/g, (c) => '&#' + c.charCodeAt(0) + ';');
const walk = (dir, prefix) => fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(dir, e.name), prefix + e.name + '/') : [prefix + e.name]) : [];
const quotas = () => { try { return JSON.parse(fs.readFileSync(path.join(root, '.quotas.json'), 'utf8')); } catch { return {}; } };
const server = http.createServer((req, res) => {
  const target = String(req.headers['x-amz-target'] || '');
  if (target.startsWith('ServiceQuotasV20190624.')) {
    let body = '';
    req.on('data', (c) => (body += c));
    return req.on('end', () => {
      const input = JSON.parse(body || '{}');
      const known = quotas()[(target.endsWith('GetAWSDefaultServiceQuota') ? 'default:' : '') + input.QuotaCode];
      res.writeHead(known === undefined ? 400 : 200, { 'content-type': 'application/x-amz-json-1.1', ...(known === undefined ? { 'x-amzn-errortype': 'NoSuchResourceException' } : {}) });
      res.end(JSON.stringify(known === undefined ? { __type: 'NoSuchResourceException', message: 'no applied quota' } : { Quota: { QuotaCode: input.QuotaCode, Value: known } }));
    });
  }
  const url = new URL(req.url, 'http://x');
  const [, bucket, ...rest] = url.pathname.split('/');
  const key = decodeURIComponent(rest.join('/'));
  const send = (status, body) => { res.writeHead(status, { 'content-type': 'application/xml' }); res.end(body); };
  if (req.method === 'GET' && !key && url.searchParams.get('list-type') === '2') {
    const prefix = url.searchParams.get('prefix') || '';
    const keys = walk(path.join(root, bucket), '').filter((k) => k.startsWith(prefix)).sort();
    return send(200, '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>' + esc(bucket) + '</Name><Prefix>' + esc(prefix) + '</Prefix><KeyCount>' + keys.length + '</KeyCount><IsTruncated>false</IsTruncated>' +
      keys.map((k) => '<Contents><Key>' + esc(k) + '</Key><LastModified>2026-11-01T00:00:00.000Z</LastModified><Size>1</Size></Contents>').join('') + '</ListBucketResult>');
  }
  if (req.method === 'POST' && url.pathname === '/') {
    let body = '';
    req.on('data', (c) => (body += c));
    return req.on('end', () => {
      if (!body.includes('Action=GetCallerIdentity')) return send(400, '<ErrorResponse><Error><Code>InvalidAction</Code><Message>not in the stand-in</Message></Error></ErrorResponse>');
      const account = fs.existsSync(path.join(root, '.account')) ? fs.readFileSync(path.join(root, '.account'), 'utf8') : '111111111111';
      send(200, '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::' + account + ':user/test</Arn><UserId>AIDATEST</UserId><Account>' + account + '</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>');
    });
  }
  if (req.method === 'GET' && key) {
    const file = path.join(root, bucket, key);
    if (!fs.existsSync(path.join(root, bucket))) return send(404, '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>no such bucket</Message></Error>');
    if (!fs.existsSync(file)) return send(404, '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>');
    res.writeHead(200, { 'content-type': 'application/json', 'last-modified': 'Sun, 01 Nov 2026 00:00:00 GMT' });
    return res.end(fs.readFileSync(file));
  }
  send(501, '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NotImplemented</Code><Message>not in the stand-in</Message></Error>');
});
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

export interface FakeStateBucket {
  /** Add to the env script's environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Stores `body` (a state's JSON) at `key` of `bucket`. */
  put(bucket: string, key: string, body: object): void;
  /** Service Quotas' answers by quota code (`default:<code>` for AWS's default). */
  setQuotas(quotas: Record<string, number>): void;
  /** The account STS GetCallerIdentity names (default 111111111111, the example bases' account). */
  setAccount(account: string): void;
  /** Removes every object. */
  clear(): void;
  close(): void;
}

/** A Terraform state with the given outputs and `resources` instances of each resource type. */
export function stateWith(outputs: Record<string, unknown>, resources: Record<string, number> = {}): object {
  return {
    version: 4,
    outputs: Object.fromEntries(Object.entries(outputs).map(([name, value]) => [name, { value, type: typeof value }])),
    resources: Object.entries(resources).map(([type, count]) => ({ mode: 'managed', type, name: 'r', instances: Array.from({ length: count }, () => ({})) })),
  };
}

/** Starts the stand-in, keeping its objects in `dir`. */
export function startFakeStateBucket(dir: string): Promise<FakeStateBucket> {
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(process.execPath, ['-e', SERVER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.stdout.once('data', (chunk: Buffer) => {
      const port = chunk.toString().trim();
      resolve({
        env: { AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${port}`, AWS_ENDPOINT_URL_SERVICE_QUOTAS: `http://127.0.0.1:${port}`, AWS_ENDPOINT_URL_STS: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'AKIATEST', AWS_SECRET_ACCESS_KEY: 'test', AWS_PROFILE: '' },
        put: (bucket, key, body) => {
          const file = path.join(dir, bucket, key);
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, JSON.stringify(body));
        },
        setAccount: (account) => fs.writeFileSync(path.join(dir, '.account'), account),
        setQuotas: (quotas) => fs.writeFileSync(path.join(dir, '.quotas.json'), JSON.stringify(quotas)),
        clear: () => {
          for (const entry of fs.readdirSync(dir)) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
        },
        close: () => void child.kill(),
      });
    });
  });
}
