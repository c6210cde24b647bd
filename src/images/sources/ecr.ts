/**
 * Tags of an ECR repository (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`) through the AWS SDK
 * v3, all pages. The SDK is loaded only when an ECR repository is resolved.
 */
import type { ECRClient } from '@aws-sdk/client-ecr';
import { RegistryError, TagSource } from './tag-source';

const ECR = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(.+)$/;

export function isEcrRepository(repository: string): boolean {
  return ECR.test(repository);
}

export function parseEcrRepository(repository: string): { accountId: string; region: string; name: string } {
  const match = ECR.exec(repository);
  if (!match) throw new Error(`${repository} is not an ECR repository address`);
  return { accountId: match[1], region: match[2], name: match[3] };
}

export class EcrSource implements TagSource {
  readonly kind = 'ecr';
  private readonly clients = new Map<string, ECRClient>();

  /** @param clientFor builds the client of a region (tests pass a mocked one). */
  constructor(private readonly clientFor?: (region: string) => ECRClient) {}

  async listTags(repository: string, signal: AbortSignal): Promise<string[]> {
    const { accountId, region, name } = parseEcrRepository(repository);
    const sdk = await import('@aws-sdk/client-ecr');
    let client = this.clients.get(region);
    if (!client) {
      client = this.clientFor ? this.clientFor(region) : new sdk.ECRClient({ region });
      this.clients.set(region, client);
    }
    const tags: string[] = [];
    let nextToken: string | undefined;
    do {
      try {
        const page = await client.send(
          new sdk.ListImagesCommand({ registryId: accountId, repositoryName: name, filter: { tagStatus: 'TAGGED' }, nextToken, maxResults: 1000 }),
          { abortSignal: signal },
        );
        for (const id of page.imageIds ?? []) if (id.imageTag) tags.push(id.imageTag);
        nextToken = page.nextToken;
      } catch (error) {
        const code = (error as { name?: string }).name ?? '';
        if (code === 'RepositoryNotFoundException') throw new RegistryError(`ECR repository ${name} not found in ${accountId}/${region}`, true);
        if (code === 'AccessDeniedException' || code.includes('Credential')) {
          throw new RegistryError(`no access to ECR repository ${name} (${code}); check your AWS credentials`, true);
        }
        throw error;
      }
    } while (nextToken);
    return tags;
  }
}
