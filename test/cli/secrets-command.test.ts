/**
 * `env secrets set|list|rm` below the entry: the split of env and names, and runSecrets with a mocked Secrets Manager and in-memory standard streams.
 */
import { Readable } from 'node:stream';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ResourceExistsException,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import type { SecretsArgs } from '../../src/cli/command-args';
import { runSecrets, SecretsIo, splitSecretWords } from '../../src/cli/run-secrets';

const sm = mockClient(SecretsManagerClient);
const prefix = 'branchenv/stage/demo/feature-x/secrets/';
const VALUE = 'sk_live_do-not-print';

interface Run {
  readonly out: string;
  readonly err: string;
  readonly stdinRead: boolean;
}

/** Runs the action in-process on env feature-x of demo; stdin holds `input`. */
async function run(extra: Partial<SecretsArgs>, input = ''): Promise<Run & { error?: Error }> {
  let out = '';
  let err = '';
  let stdinRead = false;
  const stdin = Readable.from(
    (function* () {
      stdinRead = true;
      yield Buffer.from(input);
    })(),
  );
  const io: SecretsIo = { input: stdin, out: (t) => void (out += t), err: (t) => void (err += t), clientFor: async () => new SecretsManagerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }) };
  const args = { set: 'demo', tier: 'stage', local: false, image: [], insecureRegistry: [], fallbackBranch: 'develop', out: '.branchenv', json: false, names: [], ...extra } as SecretsArgs;
  try {
    await runSecrets(args, process.cwd(), io);
    return { out, err, stdinRead };
  } catch (error) {
    return { out, err, stdinRead, error: error as Error };
  }
}

beforeEach(() => sm.reset());
afterEach(() => expect(sm.commandCalls(GetSecretValueCommand)).toEqual([]));

describe('splitSecretWords', () => {
  it('takes the first of two or more words as the env unless it can only be a secret name', () => {
    expect(splitSecretWords(['API_KEY'], false)).toEqual({ names: ['API_KEY'] });
    expect(splitSecretWords(['feature-x', 'API_KEY'], false)).toEqual({ target: 'feature-x', names: ['API_KEY'] });
    expect(splitSecretWords(['feature/Login', 'A', 'B'], false)).toEqual({ target: 'feature/Login', names: ['A', 'B'] });
    expect(splitSecretWords(['API_KEY', 'OTHER'], false)).toEqual({ names: ['API_KEY', 'OTHER'] });
    expect(splitSecretWords(['feature-x', 'API_KEY'], true)).toEqual({ names: ['feature-x', 'API_KEY'] });
  });
});

describe('env secrets set', () => {
  it('reads the value from stdin, creates the secret and never prints the value', async () => {
    sm.on(CreateSecretCommand).resolves({});
    const result = await run({ action: 'set', target: 'feature-x', names: ['session-signing-key'] }, `${VALUE}\n`);
    expect(result.error).toBeUndefined();
    expect(result.out).toBe('set session-signing-key for feature-x (created)\n');
    expect(result.out + result.err).not.toContain(VALUE);
    const input = sm.commandCalls(CreateSecretCommand)[0].args[0].input;
    expect(input).toMatchObject({ Name: `${prefix}session-signing-key`, SecretString: VALUE });
    expect(input.Tags).toEqual(expect.arrayContaining([{ Key: 'tier', Value: 'stage' }, { Key: 'set', Value: 'demo' }, { Key: 'env', Value: 'feature-x' }, { Key: 'managed-by', Value: 'branchenv' }]));
  });

  it('updates an existing secret', async () => {
    sm.on(CreateSecretCommand).rejects(new ResourceExistsException({ message: 'exists', $metadata: {} }));
    sm.on(PutSecretValueCommand).resolves({});
    const result = await run({ action: 'set', names: ['session-signing-key'], target: 'feature-x' }, VALUE);
    expect(result.out).toBe('set session-signing-key for feature-x (updated)\n');
  });

  it.each([
    ['NAME VALUE on the checked-out branch', { target: 'API_KEY', names: [VALUE] }],
    ['ENV NAME VALUE', { target: 'feature-x', names: ['API_KEY', VALUE] }],
  ])('refuses a value in the arguments (%s) before reading stdin or calling AWS, without repeating it', async (_, words) => {
    const result = await run({ action: 'set', ...words }, 'from-stdin');
    expect(result.error?.message).toMatch(/standard input, never as an argument/);
    expect((result.error as Error & { hint: string }).hint).toBe('pipe the value in: printf %s "$VALUE" | env secrets set [env] --set <set> NAME');
    expect(`${result.error?.message}`).not.toContain(VALUE);
    expect(result.stdinRead).toBe(false);
    expect(sm.calls()).toEqual([]);
  });

  it('refuses a bad name without quoting it (it may be the value) and an empty value', async () => {
    const bad = await run({ action: 'set', target: 'feature-x', names: ['not a name!'] }, VALUE);
    expect(bad.error?.message).toMatch(/secret name is not valid/);
    expect(bad.error?.message).not.toContain('not a name');
    const empty = await run({ action: 'set', target: 'feature-x', names: ['session-signing-key'] }, '');
    expect(empty.error?.message).toBe('no value for session-signing-key: standard input was empty');
    expect(sm.calls()).toEqual([]);
  });

  it('refuses local mode', async () => {
    const result = await run({ action: 'set', target: 'feature-x', names: ['session-signing-key'], local: true }, VALUE);
    expect(result.error?.message).toMatch(/local mode/);
    expect(result.stdinRead).toBe(false);
  });
});

describe('env secrets list', () => {
  const changed = new Date('2026-11-21T09:30:00.123Z');

  it('prints names and last-changed dates, never values', async () => {
    sm.on(ListSecretsCommand).resolves({ SecretList: [{ Name: `${prefix}STRIPE_KEY`, LastChangedDate: changed }, { Name: `${prefix}API`, CreatedDate: changed }] });
    const result = await run({ action: 'list', target: 'feature-x' });
    expect(result.out).toBe('API         2026-11-21T09:30:00Z\nSTRIPE_KEY  2026-11-21T09:30:00Z\n');
    expect(sm.commandCalls(ListSecretsCommand)[0].args[0].input.Filters).toEqual([{ Key: 'name', Values: [prefix] }]);
  });

  it('prints [{name, lastChanged}] with --json, and says when there are none', async () => {
    sm.on(ListSecretsCommand).resolves({ SecretList: [{ Name: `${prefix}API`, LastChangedDate: changed }] });
    expect(JSON.parse((await run({ action: 'list', target: 'feature-x', json: true })).out)).toEqual([{ name: 'API', lastChanged: '2026-11-21T09:30:00.123Z' }]);
    sm.on(ListSecretsCommand).resolves({ SecretList: [] });
    expect(await run({ action: 'list', target: 'feature-x' })).toMatchObject({ out: '', err: 'feature-x has no env secrets\n' });
    expect(JSON.parse((await run({ action: 'list', target: 'feature-x', json: true })).out)).toEqual([]);
  });

  it('takes no secret names', async () => {
    expect((await run({ action: 'list', target: 'feature-x', names: ['API'] })).error?.message).toMatch(/only the env/);
  });
});

describe('env secrets rm', () => {
  it('deletes each name without recovery; one that is not set is no error', async () => {
    sm.on(DeleteSecretCommand).resolves({});
    sm.on(DeleteSecretCommand, { SecretId: `${prefix}OLD` }).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    const result = await run({ action: 'rm', target: 'feature-x', names: ['API', 'OLD'] });
    expect(result.error).toBeUndefined();
    expect(result.out).toBe('deleted API from feature-x\nOLD was not set\n');
    expect(sm.commandCalls(DeleteSecretCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: `${prefix}API`, ForceDeleteWithoutRecovery: true },
      { SecretId: `${prefix}OLD`, ForceDeleteWithoutRecovery: true },
    ]);
  });

  it('needs a name, and names the bad one', async () => {
    expect((await run({ action: 'rm' })).error?.message).toBe('secrets rm needs a secret name');
    expect((await run({ action: 'rm', target: 'feature-x', names: ['a/b'] })).error?.message).toBe('"a/b" is not an env secret name');
  });
});

describe('secrets set of a name the set does not use', () => {
  it('is refused before reading a value, without echoing the word that may be the value', async () => {
    // `secrets set feature-x sk_live_51Habc`: env feature-x, and a value where the name goes.
    const result = await run({ action: 'set', target: 'feature-x', names: ['sk_live_51Habc'] }, 'x');
    expect(result.error?.message).toMatch(/^set demo references no env secret of that name \(not repeated here/);
    expect((result.error as { hint?: string }).hint).toContain('names set demo uses: session-signing-key');
    expect(`${result.out}${result.err}${result.error?.message}${(result.error as { hint?: string }).hint}`).not.toContain('sk_live_51Habc');
  });
});
