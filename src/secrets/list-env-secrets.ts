/**
 * The env's secrets from ListSecrets: names and when they last changed, never values (no
 * GetSecretValue here; only `show --reveal` reads a value, the database password). Paged and bounded
 * by a PageGuard.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PageGuard } from '../net/page-guard';
import { secretsError } from './secrets-client';

/** Pages of 100 secrets read before giving up: 10,000 secrets, far beyond one env. */
export const MAX_SECRET_PAGES = 100;

export interface EnvSecretEntry {
  /** Without the prefix: `STRIPE_KEY`. */
  readonly name: string;
  /** LastChangedDate, else CreatedDate. */
  readonly lastChanged?: Date;
}

/** Every secret under `prefix` (not those scheduled for deletion), sorted by name. */
export async function listEnvSecrets(client: SecretsManagerClient, prefix: string, maxPages = MAX_SECRET_PAGES): Promise<EnvSecretEntry[]> {
  const { ListSecretsCommand } = await import('@aws-sdk/client-secrets-manager');
  const guard = new PageGuard({ label: 'Secrets Manager', what: `secret list of ${prefix}`, maxPages });
  const entries: EnvSecretEntry[] = [];
  let token: string | undefined;
  do {
    guard.visit(token ?? '');
    let page;
    try {
      // The name filter matches prefixes case-insensitively: the exact prefix is checked below.
      page = await client.send(new ListSecretsCommand({ Filters: [{ Key: 'name', Values: [prefix] }], MaxResults: 100, NextToken: token }));
    } catch (error) {
      throw secretsError(error, 'ListSecrets', `${prefix}*`);
    }
    for (const secret of page.SecretList ?? []) {
      if (!secret.Name?.startsWith(prefix) || secret.Name.length === prefix.length) continue;
      entries.push({ name: secret.Name.slice(prefix.length), lastChanged: secret.LastChangedDate ?? secret.CreatedDate });
    }
    token = page.NextToken;
  } while (token);
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
