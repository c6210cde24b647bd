import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { readDatabasePassword } from '../../src/database/database-output';

const sm = mockClient(SecretsManagerClient);
const db = {
  host: 'stage-main-postgres.cluster-x.eu-west-1.rds.amazonaws.com',
  port: 5432,
  name: 'demo-feature-x',
  user: 'demo-feature-x',
  secret_arn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:branchenv/stage/demo/feature-x/database-AbCdEf',
};
const denied = (name: string) => Object.assign(new Error(name), { name });

beforeEach(() => sm.reset());

describe('reading an env database password (show --reveal)', () => {
  it('returns the password the provisioner wrote', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ password: 'p4ss' }) });
    await expect(readDatabasePassword(new SecretsManagerClient({ region: 'eu-west-1' }), db)).resolves.toBe('p4ss');
  });

  it('names the read it was denied and the permission to ask for, not the write actions of env secrets', async () => {
    sm.on(GetSecretValueCommand).rejects(denied('AccessDeniedException'));
    const failure = readDatabasePassword(new SecretsManagerClient({ region: 'eu-west-1' }), db);
    await expect(failure).rejects.toThrow(`access denied: secretsmanager:GetSecretValue on ${db.secret_arn}`);
    await expect(readDatabasePassword(new SecretsManagerClient({ region: 'eu-west-1' }), db)).rejects.toMatchObject({
      hint: `use credentials that allow secretsmanager:GetSecretValue on ${db.secret_arn} (README: IAM actions of the commands)`,
    });
  });

  it('says to sign in when there are no usable credentials', async () => {
    sm.on(GetSecretValueCommand).rejects(denied('ExpiredTokenException'));
    await expect(readDatabasePassword(new SecretsManagerClient({ region: 'eu-west-1' }), db)).rejects.toThrow(/no usable AWS credentials for Secrets Manager \(ExpiredTokenException on GetSecretValue/);
  });

  it('says the provisioner has not written the secret yet when it has no value', async () => {
    sm.on(GetSecretValueCommand).rejects(denied('ResourceNotFoundException'));
    await expect(readDatabasePassword(new SecretsManagerClient({ region: 'eu-west-1' }), db)).rejects.toThrow('the credentials secret of demo-feature-x holds no value yet');
  });
});
