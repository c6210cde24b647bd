/**
 * The env-secret store functions against a mocked Secrets Manager: create or update, list by exact
 * prefix (paged, bounded, never a value read), idempotent removal, and removal of everything for drop.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  RestoreSecretCommand,
  SecretsManagerClient,
  SecretsManagerServiceException,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { UserError } from '../../src/errors/user-error';
import { envNames } from '../../src/names/env-resource-names';
import { NetworkError } from '../../src/net/network-error';
import { deleteEnvSecrets } from '../../src/secrets/delete-env-secrets';
import { listEnvSecretNames } from '../../src/secrets/list-env-secret-names';
import { listEnvSecrets } from '../../src/secrets/list-env-secrets';
import { removeEnvSecret } from '../../src/secrets/remove-env-secret';
import { setEnvSecret } from '../../src/secrets/set-env-secret';

const sm = mockClient(SecretsManagerClient);
const client = () => new SecretsManagerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const prefix = envNames({ tier: 'stage', set: 'demo', env: 'feature-x' }).envSecretPrefix;
const meta = { $metadata: {} };
const props = { prefix, name: 'API_KEY', value: 's3cr3t-value', tags: { tier: 'stage', set: 'demo', env: 'feature-x', 'managed-by': 'branchenv' }, description: 'env secret' };

beforeEach(() => sm.reset());
afterEach(() => expect(sm.commandCalls(GetSecretValueCommand)).toEqual([]));

describe('setEnvSecret', () => {
  it('creates a new secret under the env prefix, tagged and described', async () => {
    sm.on(CreateSecretCommand).resolves({});
    expect(prefix).toBe('branchenv/stage/demo/feature-x/secrets/');
    await expect(setEnvSecret(client(), props)).resolves.toBe('created');
    expect(sm.commandCalls(CreateSecretCommand)[0].args[0].input).toEqual({
      Name: 'branchenv/stage/demo/feature-x/secrets/API_KEY',
      SecretString: 's3cr3t-value',
      Description: 'env secret',
      Tags: [
        { Key: 'tier', Value: 'stage' },
        { Key: 'set', Value: 'demo' },
        { Key: 'env', Value: 'feature-x' },
        { Key: 'managed-by', Value: 'branchenv' },
      ],
    });
    expect(sm.commandCalls(PutSecretValueCommand)).toEqual([]);
  });

  it('puts a new value when the secret exists', async () => {
    sm.on(CreateSecretCommand).rejects(new ResourceExistsException({ message: 'exists', ...meta }));
    sm.on(PutSecretValueCommand).resolves({});
    await expect(setEnvSecret(client(), props)).resolves.toBe('updated');
    expect(sm.commandCalls(PutSecretValueCommand)[0].args[0].input).toEqual({ SecretId: `${prefix}API_KEY`, SecretString: 's3cr3t-value' });
  });

  it('restores a secret scheduled for deletion, then puts the value', async () => {
    sm.on(CreateSecretCommand).rejects(new InvalidRequestException({ message: "You can't create this secret because a secret with this name is already scheduled for deletion.", ...meta }));
    sm.on(RestoreSecretCommand).resolves({});
    sm.on(PutSecretValueCommand).resolves({});
    await expect(setEnvSecret(client(), props)).resolves.toBe('updated');
    expect(sm.commandCalls(RestoreSecretCommand)[0].args[0].input).toEqual({ SecretId: `${prefix}API_KEY` });
  });

  it('turns refused access into a UserError naming the call, never the value', async () => {
    sm.on(CreateSecretCommand).rejects(new SecretsManagerServiceException({ name: 'AccessDeniedException', $fault: 'client', message: 'denied', ...meta }));
    const error = await setEnvSecret(client(), props).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(`access denied: secretsmanager:CreateSecret on ${prefix}API_KEY`);
    expect(`${(error as UserError).message} ${(error as UserError).hint}`).not.toContain('s3cr3t');
  });

  it('turns missing credentials into a UserError that says to sign in', async () => {
    sm.on(CreateSecretCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    await expect(setEnvSecret(client(), props)).rejects.toMatchObject({ name: 'UserError', hint: expect.stringMatching(/sign in/) });
  });

  it('turns an endpoint that does not answer into a UserError', async () => {
    sm.on(CreateSecretCommand).rejects(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    await expect(setEnvSecret(client(), props)).rejects.toMatchObject({ name: 'UserError', message: `Secrets Manager did not answer CreateSecret on ${prefix}API_KEY (ECONNREFUSED)` });
  });

  it('refuses a name outside ENV_SECRET_NAME before calling AWS', async () => {
    await expect(setEnvSecret(client(), { ...props, name: '../database' })).rejects.toThrow(/not an env secret name/);
    expect(sm.calls()).toEqual([]);
  });
});

describe('listEnvSecrets and listEnvSecretNames', () => {
  it('pages through ListSecrets filtered by the prefix and keeps only exact-prefix names, sorted', async () => {
    const changed = new Date('2026-11-20T10:00:00Z');
    sm.on(ListSecretsCommand, { NextToken: undefined }).resolves({
      SecretList: [
        { Name: `${prefix}ZED`, LastChangedDate: changed },
        { Name: 'branchenv/stage/demo/FEATURE-X/secrets/OTHER_CASE' }, // the name filter ignores case
      ],
      NextToken: 'p2',
    });
    sm.on(ListSecretsCommand, { NextToken: 'p2' }).resolves({ SecretList: [{ Name: `${prefix}ALPHA`, CreatedDate: changed }] });
    await expect(listEnvSecrets(client(), prefix)).resolves.toEqual([
      { name: 'ALPHA', lastChanged: changed },
      { name: 'ZED', lastChanged: changed },
    ]);
    expect(sm.commandCalls(ListSecretsCommand)[0].args[0].input).toMatchObject({ Filters: [{ Key: 'name', Values: [prefix] }], MaxResults: 100 });
    sm.resetHistory();
    await expect(listEnvSecretNames(client(), prefix)).resolves.toEqual(['ALPHA', 'ZED']);
  });

  it('stops at the page cap and on a token seen before', async () => {
    let page = 0;
    sm.on(ListSecretsCommand).callsFake(() => ({ SecretList: [], NextToken: `t${(page += 1)}` }));
    await expect(listEnvSecrets(client(), prefix, 3)).rejects.toThrow(NetworkError);
    expect(sm.commandCalls(ListSecretsCommand)).toHaveLength(3);
    sm.reset();
    sm.on(ListSecretsCommand).resolves({ SecretList: [], NextToken: 'same' });
    await expect(listEnvSecrets(client(), prefix)).rejects.toThrow(/looped back/);
  });
});

describe('removeEnvSecret and deleteEnvSecrets', () => {
  it('deletes without a recovery window, and says missing for a secret that is not there', async () => {
    sm.on(DeleteSecretCommand, { SecretId: `${prefix}GONE` }).rejects(new ResourceNotFoundException({ message: 'not found', ...meta }));
    sm.on(DeleteSecretCommand, { SecretId: `${prefix}API_KEY` }).resolves({});
    await expect(removeEnvSecret(client(), prefix, 'API_KEY')).resolves.toBe('deleted');
    await expect(removeEnvSecret(client(), prefix, 'GONE')).resolves.toBe('missing');
    expect(sm.commandCalls(DeleteSecretCommand)[0].args[0].input).toEqual({ SecretId: `${prefix}API_KEY`, ForceDeleteWithoutRecovery: true });
  });

  it('deleteEnvSecrets deletes every secret under the prefix, whatever its name, and returns those deleted', async () => {
    sm.on(ListSecretsCommand).resolves({ SecretList: [{ Name: `${prefix}A` }, { Name: `${prefix}B` }, { Name: `${prefix}odd/name` }] });
    sm.on(DeleteSecretCommand).resolves({});
    sm.on(DeleteSecretCommand, { SecretId: `${prefix}B` }).rejects(new ResourceNotFoundException({ message: 'gone meanwhile', ...meta }));
    await expect(deleteEnvSecrets(client(), prefix)).resolves.toEqual(['A', 'odd/name']);
    expect(sm.commandCalls(DeleteSecretCommand).map((c) => c.args[0].input)).toEqual(
      ['A', 'B', 'odd/name'].map((n) => ({ SecretId: `${prefix}${n}`, ForceDeleteWithoutRecovery: true })),
    );
  });

  it('deleteEnvSecrets deletes nothing and returns [] for an env without secrets', async () => {
    sm.on(ListSecretsCommand).resolves({ SecretList: [] });
    await expect(deleteEnvSecrets(client(), prefix)).resolves.toEqual([]);
    expect(sm.commandCalls(DeleteSecretCommand)).toEqual([]);
  });
});
