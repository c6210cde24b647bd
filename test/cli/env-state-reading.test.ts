import { GetObjectCommand, GetObjectCommandOutput, ListObjectsV2Command, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { CorruptStateError, listEnvStates, parseEnvState, readEnvState } from '../../src/state/env-states';

// Reading env states: one object (parseEnvState, readEnvState) and a whole prefix (listEnvStates).
const KEY = 'stage/services/demo/feature-x/terraform.tfstate';
const WHEN = new Date('2025-05-01T10:00:00Z');
const state = (outputs: Record<string, unknown> = {}, resources = 1) =>
  JSON.stringify({ version: 4, outputs: Object.fromEntries(Object.entries(outputs).map(([k, value]) => [k, { value, type: 'string' }])), resources: Array(resources).fill({}) });
const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

/** The part of a GetObject body that is read. */
const body = (text: string) => ({ transformToString: async () => text }) as unknown as GetObjectCommandOutput['Body'];

describe('parseEnvState', () => {
  it('reads tier, set and env from the key, and expiry, owning branch, size and shard from the state', () => {
    expect(parseEnvState(KEY, WHEN, state({ expires_on: '2099-01-01', branch: 'feature/X' }, 3))).toEqual({
      tier: 'stage',
      set: 'demo',
      env: 'feature-x',
      key: KEY,
      lastModified: WHEN,
      expiresOn: '2099-01-01',
      branch: 'feature/X',
      resources: 3,
      // No `shard` output: an env from before shards, on shard 1; no load balancer resources in this state.
      shard: 1,
      ingress: { listenerRules: 0, targetGroups: 0 },
      fargate: { tasks: 0, onDemandVcpus: 0, spotVcpus: 0 },
    });
  });

  it('leaves out outputs the state does not have', () => {
    const parsed = parseEnvState(KEY, WHEN, JSON.stringify({ version: 4 }));
    expect([parsed.branch, parsed.expiresOn, parsed.resources]).toEqual([undefined, undefined, 0]);
  });

  it.each([
    ['not JSON', 'this is not json', /^stage\/services\/demo\/feature-x\/terraform\.tfstate: not a Terraform state \(not valid JSON/],
    ['not JSON, holding a secret', '{"password":hunter2-SECRET}', /^(?!.*hunter2).*not a Terraform state \(not valid JSON( \(at byte \d+\))?\)$/],
    ['truncated', state({}, 2).slice(0, 30), /: not a Terraform state \(.*JSON/],
    ['empty', '', /: not a Terraform state \(not valid JSON\)/],
    ['an array', '[]', /: not a Terraform state \(a JSON array, not an object\)/],
    ['without version', '{"resources": []}', /: not a Terraform state \(no numeric "version"\)/],
    ['resources not a list', '{"version": 4, "resources": {}}', /: not a Terraform state \("resources" is not a list\)/],
    ['outputs not an object', '{"version": 4, "outputs": 3}', /: not a Terraform state \("outputs" is not an object\)/],
  ])('names the key of a state that is %s', (_, text, message) => {
    expect(() => parseEnvState(KEY, WHEN, text)).toThrow(CorruptStateError);
    expect(() => parseEnvState(KEY, WHEN, text)).toThrow(message);
  });
});

describe('readEnvState', () => {

  it('reads the object, with its last change', async () => {
    s3.on(GetObjectCommand, { Key: KEY }).resolves({ Body: body(state({ branch: 'feature/X' })), LastModified: WHEN });
    expect(await readEnvState(new S3Client({}), 'b', KEY)).toMatchObject({ env: 'feature-x', branch: 'feature/X', lastModified: WHEN });
  });

  it('is undefined when there is no such object', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));
    expect(await readEnvState(new S3Client({}), 'b', KEY)).toBeUndefined();
  });

  it('passes on other S3 errors', async () => {
    s3.on(GetObjectCommand).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }));
    await expect(readEnvState(new S3Client({}), 'b', KEY)).rejects.toThrow('Access Denied');
  });
});

describe('listEnvStates', () => {
  const keyOf = (env: string) => `stage/services/demo/${env}/terraform.tfstate`;

  it('lists the readable states and, apart, the corrupt ones by key', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: ['a', 'b', 'c'].map((e) => ({ Key: keyOf(e), LastModified: WHEN })) });
    s3.on(GetObjectCommand, { Key: keyOf('a') }).resolves({ Body: body(state()) });
    s3.on(GetObjectCommand, { Key: keyOf('b') }).resolves({ Body: body('{"version": 4, "resour') });
    s3.on(GetObjectCommand, { Key: keyOf('c') }).resolves({ Body: body(state()) });
    const listing = await listEnvStates(new S3Client({}), 'b', 'stage/services/');
    expect(listing.states.map((s) => s.env)).toEqual(['a', 'c']);
    expect(listing.unreadable).toEqual([{ key: keyOf('b'), message: expect.stringMatching(/^stage\/services\/demo\/b\/terraform\.tfstate: not a Terraform state \(/) }]);
  });

  it('skips a state deleted between listing and reading', async () => {
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: keyOf('gone') }, { Key: keyOf('here') }] });
    s3.on(GetObjectCommand, { Key: keyOf('gone') }).rejects(new NoSuchKey({ message: 'gone', $metadata: { httpStatusCode: 404 } }));
    s3.on(GetObjectCommand, { Key: keyOf('here') }).resolves({ Body: body(state()) });
    expect(await listEnvStates(new S3Client({}), 'b', 'stage/services/')).toEqual({ states: [expect.objectContaining({ env: 'here' })], unreadable: [] });
  });

  it('fetches at most 16 states at once', async () => {
    const envs = Array.from({ length: 60 }, (_, i) => `env-${String(i).padStart(2, '0')}`);
    s3.on(ListObjectsV2Command).resolves({ Contents: envs.map((e) => ({ Key: keyOf(e) })) });
    let running = 0;
    let most = 0;
    s3.on(GetObjectCommand).callsFake(async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return { Body: body(state()) };
    });
    const listing = await listEnvStates(new S3Client({}), 'b', 'stage/services/');
    expect(most).toBeLessThanOrEqual(16);
    expect(most).toBeGreaterThan(1);
    expect(listing.states.map((s) => s.env)).toEqual(envs);
  });
});
