/**
 * The S3 API of local mode's state store: what Terraform's S3 backend and the env listing use, and
 * nothing more. Path-style requests only; signatures are not checked (it listens on loopback).
 *
 * - buckets: PUT (create), HEAD, ListObjectsV2 (prefix, delimiter, start-after, max-keys, paging)
 * - objects: GET, HEAD, PUT (with If-None-Match: * and If-Match, for Terraform's lock file), DELETE
 *
 * Anything else is answered 501 NotImplemented.
 */
import * as crypto from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compareKeys, invalidKey, ObjectStore, StoredObject } from './object-store';

/** Larger request bodies are refused (a Terraform state of this size is not a local-mode state). */
const MAX_BODY_BYTES = 256 * 1024 * 1024;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Headers kept with an object and returned by GET and HEAD. */
const KEPT_HEADERS = ['content-type', 'content-encoding', 'content-disposition', 'content-language', 'cache-control', 'expires'];

class S3Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
  }
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
const element = (name: string, value: string | number | boolean | undefined) => (value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`);
const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;

/** The request handler of a server over `store`. */
export function s3Handler(store: ObjectStore): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(store, req, res).catch((error: unknown) => {
      const failure = error instanceof S3Failure ? error : new S3Failure(500, 'InternalError', (error as Error).message);
      if (res.headersSent) return void res.destroy();
      res.writeHead(failure.status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId() });
      const details = Object.entries(failure.extra).map(([name, value]) => element(name, value)).join('');
      res.end(req.method === 'HEAD' ? undefined : xml(`<Error>${element('Code', failure.code)}${element('Message', failure.message)}${details}</Error>`));
    });
  };
}

async function handle(store: ObjectStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Split by hand: URL would resolve `..` segments, and a key is taken as sent (then refused if it has one).
  const target = req.url ?? '/';
  const queryAt = target.indexOf('?');
  const pathname = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : target.slice(queryAt + 1));
  const [bucketPart = '', ...keyParts] = pathname.slice(1).split('/');
  const bucket = decodeURIComponent(bucketPart);
  const key = keyParts.map(decodeURIComponent).join('/');
  const method = req.method ?? 'GET';
  const unsupported = () => new S3Failure(501, 'NotImplemented', `local mode's S3 server does not implement ${method} ${target}`);
  if (!bucket) throw unsupported();
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) throw new S3Failure(400, 'InvalidBucketName', 'The specified bucket is not valid.', { BucketName: bucket });
  if (keyParts.length === 0 || key === '') {
    if (method === 'PUT' && [...query.keys()].length === 0) {
      store.createBucket(bucket);
      return send(res, 200, {});
    }
    if (!store.hasBucket(bucket)) throw new S3Failure(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
    if (method === 'HEAD') return send(res, 200, {});
    if (method === 'GET' && query.get('list-type') === '2') return send(res, 200, { 'content-type': 'application/xml' }, listObjectsV2(store, bucket, query));
    throw unsupported();
  }
  const problem = invalidKey(key);
  if (problem) throw new S3Failure(400, 'InvalidArgument', problem, { Key: key });
  if (!store.hasBucket(bucket)) throw new S3Failure(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
  const subresource = [...query.keys()].find((name) => name !== 'x-id');
  if (subresource || req.headers['x-amz-copy-source']) throw unsupported();
  if (method === 'GET' || method === 'HEAD') {
    const found = store.get(bucket, key);
    if (!found) throw new S3Failure(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
    return send(res, 200, objectHeaders(found.object), method === 'GET' ? found.body : undefined);
  }
  if (method === 'DELETE') {
    store.delete(bucket, key);
    return send(res, 204, {});
  }
  if (method === 'PUT') {
    const body = decodeBody(req, await readBody(req));
    // Checked after the body is read, with no await between the check and the write: atomic in this process.
    checkPreconditions(store.head(bucket, key), req);
    const metadata = Object.fromEntries(Object.entries(req.headers).filter(([name]) => KEPT_HEADERS.includes(name) || name.startsWith('x-amz-meta-')).map(([name, value]) => [name, String(value)]));
    if (metadata['content-encoding']) metadata['content-encoding'] = metadata['content-encoding'].split(',').map((e) => e.trim()).filter((e) => e !== 'aws-chunked').join(',');
    if (!metadata['content-encoding']) delete metadata['content-encoding'];
    const stored = store.put(bucket, key, body, metadata);
    return send(res, 200, { etag: stored.etag });
  }
  throw unsupported();
}

/** If-None-Match: * (create only) and If-Match: <etag> (replace only that version), as S3's conditional writes. */
function checkPreconditions(existing: StoredObject | undefined, req: IncomingMessage): void {
  const noneMatch = req.headers['if-none-match'];
  const match = req.headers['if-match'];
  if (noneMatch !== undefined && noneMatch.trim() !== '*') throw new S3Failure(501, 'NotImplemented', 'If-None-Match on PUT takes only *');
  const failed = (noneMatch !== undefined && existing !== undefined) || (match !== undefined && (existing === undefined || (match.trim() !== '*' && match.trim() !== existing.etag)));
  if (failed) throw new S3Failure(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', { Condition: noneMatch !== undefined ? 'If-None-Match' : 'If-Match' });
}

function listObjectsV2(store: ObjectStore, bucket: string, query: URLSearchParams): string {
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const token = query.get('continuation-token') ?? undefined;
  const startAfter = query.get('start-after') ?? '';
  const maxKeys = Math.min(1000, Math.max(0, Number(query.get('max-keys') ?? 1000) || 0));
  const fromToken = token === undefined ? '' : Buffer.from(token, 'base64url').toString('utf8');
  if (token !== undefined && !fromToken) throw new S3Failure(400, 'InvalidArgument', 'The continuation token provided is incorrect', { ArgumentName: 'continuation-token' });
  const after = compareKeys(fromToken, startAfter) > 0 ? fromToken : startAfter;
  const result = store.list(bucket, { prefix, startAfter: after, maxKeys, delimiter });
  const url = query.get('encoding-type') === 'url';
  const enc = (text: string) => (url ? encodeURIComponent(text).replace(/%2F/g, '/') : text);
  const last = [...result.objects.map((o) => o.key), ...result.commonPrefixes].sort(compareKeys).pop();
  const contents = result.objects.map(
    (o) => `<Contents>${element('Key', enc(o.key))}${element('LastModified', o.lastModified.toISOString())}${element('ETag', o.etag)}${element('Size', o.size)}${element('StorageClass', 'STANDARD')}</Contents>`,
  );
  const prefixes = result.commonPrefixes.map((p) => `<CommonPrefixes>${element('Prefix', enc(p))}</CommonPrefixes>`);
  return xml(
    '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      element('Name', bucket) +
      element('Prefix', enc(prefix)) +
      element('Delimiter', delimiter && enc(delimiter)) +
      element('StartAfter', query.has('start-after') ? enc(startAfter) : undefined) +
      element('ContinuationToken', token) +
      element('NextContinuationToken', result.isTruncated && last !== undefined ? Buffer.from(last).toString('base64url') : undefined) +
      element('KeyCount', result.objects.length + result.commonPrefixes.length) +
      element('MaxKeys', maxKeys) +
      element('EncodingType', url ? 'url' : undefined) +
      element('IsTruncated', result.isTruncated) +
      contents.join('') +
      prefixes.join('') +
      '</ListBucketResult>',
  );
}

function objectHeaders(object: StoredObject): Record<string, string | number> {
  return { ...object.metadata, 'content-length': object.size, etag: object.etag, 'last-modified': object.lastModified.toUTCString(), 'accept-ranges': 'bytes' };
}

function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: string | Buffer): void {
  const length = body === undefined ? undefined : Buffer.byteLength(body);
  res.writeHead(status, { 'x-amz-request-id': requestId(), ...(length !== undefined ? { 'content-length': length } : {}), ...headers });
  res.end(body);
}

function requestId(): string {
  return crypto.randomBytes(8).toString('hex').toUpperCase();
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new S3Failure(400, 'EntityTooLarge', `Your proposed upload exceeds the maximum allowed size (${MAX_BODY_BYTES} bytes here)`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The payload of a body in aws-chunked encoding (streaming uploads: `<hex size>[;ext]\r\n<data>\r\n…0\r\n<trailers>`), else the body. */
function decodeBody(req: IncomingMessage, body: Buffer): Buffer {
  const chunked = /aws-chunked/.test(String(req.headers['content-encoding'] ?? '')) || String(req.headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
  if (!chunked) return body;
  const parts: Buffer[] = [];
  for (let at = 0; ; ) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = lineEnd < 0 ? NaN : parseInt(body.subarray(at, lineEnd).toString('latin1').split(';')[0], 16);
    if (!Number.isInteger(size) || lineEnd + 2 + size > body.length) throw new S3Failure(400, 'IncompleteBody', 'The aws-chunked body is malformed');
    if (size === 0) return Buffer.concat(parts);
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
