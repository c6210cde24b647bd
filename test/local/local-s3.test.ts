import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCAL_REGION, LocalS3, startLocalS3 } from '../../src/local/local-s3';
import { readEnvState, s3ClientFor } from '../../src/state/env-states';
import { freePort } from '../helpers/docker-registry';

// Local mode's S3 server, through the AWS SDK: what Terraform's S3 backend and the env listing need.
let dir: string;
let port: number;
let s3: LocalS3;
let client: S3Client;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-local-s3-'));
  port = await freePort();
  s3 = await startLocalS3(dir, port);
  client = await s3ClientFor({ bucket: s3.bucket, region: LOCAL_REGION, endpoint: s3.endpoint });
});

afterAll(() => s3.close());

const put = (Key: string, Body = 'x', extra: Partial<ConstructorParameters<typeof PutObjectCommand>[0]> = {}) =>
  client.send(new PutObjectCommand({ Bucket: s3.bucket, Key, Body, ...extra }));
const status = (promise: Promise<unknown>) => promise.then(() => 200, (e: { name: string; $metadata?: { httpStatusCode?: number } }) => `${e.$metadata?.httpStatusCode} ${e.name}`);

describe('listing', () => {
  const keys = Array.from({ length: 1003 }, (_, i) => `many/${String(i).padStart(4, '0')}/terraform.tfstate`);
  beforeAll(async () => {
    for (let i = 0; i < keys.length; i += 50) await Promise.all(keys.slice(i, i + 50).map((key) => put(key)));
  });

  it('pages past 1,000 objects with continuation tokens', async () => {
    const pages: string[][] = [];
    for await (const page of paginateListObjectsV2({ client }, { Bucket: s3.bucket, Prefix: 'many/' })) pages.push((page.Contents ?? []).map((o) => o.Key!));
    expect(pages.map((p) => p.length)).toEqual([1000, 3]);
    expect(pages.flat()).toEqual(keys);
  });

  it('pages by MaxKeys and starts after a key', async () => {
    const pages: number[] = [];
    for await (const page of paginateListObjectsV2({ client, pageSize: 400 }, { Bucket: s3.bucket, Prefix: 'many/', StartAfter: keys[2] })) pages.push(page.KeyCount ?? 0);
    expect(pages).toEqual([400, 400, 200]);
  });

  it('groups keys by a delimiter, in key order', async () => {
    await Promise.all(['d/a-b', 'd/a/1', 'd/a/2', 'd/b/1', 'd/c'].map((key) => put(key)));
    const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'd/', Delimiter: '/' }));
    expect(page.Contents?.map((o) => o.Key)).toEqual(['d/a-b', 'd/c']);
    expect(page.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['d/a/', 'd/b/']);
    const first = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'd/', Delimiter: '/', MaxKeys: 2 }));
    const rest = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'd/', Delimiter: '/', ContinuationToken: first.NextContinuationToken }));
    expect([first.Contents?.map((o) => o.Key), first.CommonPrefixes?.map((p) => p.Prefix)]).toEqual([['d/a-b'], ['d/a/']]);
    expect([rest.Contents?.map((o) => o.Key), rest.CommonPrefixes?.map((p) => p.Prefix)]).toEqual([['d/c'], ['d/b/']]);
  });
});

describe('conditional PUT (If-None-Match: *), as Terraform writes its lock file', () => {
  it('creates the object only when it does not exist', async () => {
    expect(await status(put('lock/a.tflock', '{"ID":"1"}', { IfNoneMatch: '*' }))).toBe(200);
    expect(await status(put('lock/a.tflock', '{"ID":"2"}', { IfNoneMatch: '*' }))).toBe('412 PreconditionFailed');
    const kept = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'lock/a.tflock' }));
    expect(await kept.Body?.transformToString()).toBe('{"ID":"1"}');
  });

  it('lets exactly one of three concurrent writers win', async () => {
    const results = await Promise.all(['1', '2', '3'].map((id) => status(put('lock/b.tflock', `{"ID":"${id}"}`, { IfNoneMatch: '*' }))));
    expect(results.sort()).toEqual([200, '412 PreconditionFailed', '412 PreconditionFailed'].sort());
  });
});

describe('objects', () => {
  it('round-trips body, content type and metadata; HEAD and DELETE work; a missing key is NoSuchKey', async () => {
    await put('stage/services/demo/rt/terraform.tfstate', '{"version":4}', { ContentType: 'application/json', Metadata: { owner: 'me' } });
    const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'stage/services/demo/rt/terraform.tfstate' }));
    expect([await got.Body?.transformToString(), got.ContentType, got.Metadata, got.ContentLength]).toEqual(['{"version":4}', 'application/json', { owner: 'me' }, 13]);
    const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: 'stage/services/demo/rt/terraform.tfstate' }));
    expect(head.ETag).toBe(got.ETag);
    await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: 'stage/services/demo/rt/terraform.tfstate' }));
    expect(await status(client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'stage/services/demo/rt/terraform.tfstate' })))).toBe('404 NoSuchKey');
    expect(await readEnvState(client, s3.bucket, 'stage/services/demo/rt/terraform.tfstate')).toBeUndefined();
  });

  it('refuses keys that would leave the store folder', async () => {
    expect(await status(put('a/../../escape'))).toMatch(/^400/);
    expect(fs.existsSync(path.join(dir, 'escape._S3rver_object'))).toBe(false);
  });
});

describe('the files', () => {
  it('keep objects between runs, in the layout s3rver (used before) wrote', async () => {
    const store = fs.mkdtempSync(path.join(os.tmpdir(), 'branchenv-local-files-'));
    const old = path.join(store, s3.bucket, 'stage/services/demo/old/terraform.tfstate');
    fs.mkdirSync(path.dirname(old), { recursive: true });
    fs.writeFileSync(`${old}._S3rver_object`, '{"version":4,"resources":[{}]}');
    fs.writeFileSync(`${old}._S3rver_metadata.json`, '{"content-type":"application/json"}');
    const first = await startLocalS3(store, await freePort());
    const firstClient = await s3ClientFor({ bucket: first.bucket, region: LOCAL_REGION, endpoint: first.endpoint });
    await firstClient.send(new PutObjectCommand({ Bucket: first.bucket, Key: 'stage/services/demo/new/terraform.tfstate', Body: '{"version":4}' }));
    await first.close();
    const second = await startLocalS3(store, await freePort());
    try {
      const secondClient = await s3ClientFor({ bucket: second.bucket, region: LOCAL_REGION, endpoint: second.endpoint });
      const listed = await secondClient.send(new ListObjectsV2Command({ Bucket: second.bucket, Prefix: 'stage/' }));
      expect(listed.Contents?.map((o) => [o.Key, o.Size])).toEqual([
        ['stage/services/demo/new/terraform.tfstate', 13],
        ['stage/services/demo/old/terraform.tfstate', 30],
      ]);
      expect(await readEnvState(secondClient, second.bucket, 'stage/services/demo/old/terraform.tfstate')).toMatchObject({ env: 'old', resources: 1 });
    } finally {
      await second.close();
    }
  });
});
