/** The AWS account the current credentials belong to (STS GetCallerIdentity), as a UserError when there are none. */
import { UserError } from '../errors/user-error';
import { boundedClient } from './bounded-client';

export async function callerAccount(region: string): Promise<string> {
  const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient({ region, ...boundedClient(10_000, 2) });
  try {
    const account = (await client.send(new GetCallerIdentityCommand({}))).Account;
    if (!account) throw new Error('STS named no account');
    return account;
  } catch (error) {
    throw new UserError(`could not tell whose AWS account these credentials are for: ${(error as Error).message}`, 'sign in to the account of the tier (aws sso login, AWS_PROFILE or AWS_* variables), then run again');
  } finally {
    client.destroy();
  }
}
