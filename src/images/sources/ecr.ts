/**
 * Tags of an ECR repository (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`) through the AWS SDK
 * v3, all pages, each request with a timeout and the listing with a page bound. The SDK is loaded
 * only when an ECR repository is resolved.
 */
import { boundedClient } from '../../aws/bounded-client';
import type { ECRClient, ECRClientConfig } from '@aws-sdk/client-ecr';
import { formatSeconds } from '../../net/network-error';
import { PageGuard } from '../../net/page-guard';
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

export interface EcrSourceOptions {
  /** Per request (connect, answer, silence on the socket); the resolver retries, the SDK does not. @default 10000 */
  readonly requestTimeoutMs?: number;
  /** Pages of ListImages (1000 tags each) before giving up. @default 500 */
  readonly maxPages?: number;
}

export class EcrSource implements TagSource {
  readonly kind = 'ecr';
  private readonly clients = new Map<string, ECRClient>();

  /**
   * @param clientFor builds the client of a region from the config this source wants (timeouts, one
   * attempt); tests pass a mocked one or point it at a local endpoint. @default new ECRClient(config)
   */
  constructor(
    private readonly clientFor?: (region: string, config: ECRClientConfig) => ECRClient,
    private readonly options: EcrSourceOptions = {},
  ) {}

  async listTags(repository: string, signal: AbortSignal, keep?: (tag: string) => boolean): Promise<string[]> {
    const { accountId, region, name } = parseEcrRepository(repository);
    const sdk = await import('@aws-sdk/client-ecr');
    const timeoutMs = this.options.requestTimeoutMs ?? 10_000;
    let client = this.clients.get(region);
    if (!client) {
      const config: ECRClientConfig = {
        region,
        // One attempt: the resolver retries with its own backoff.
        ...boundedClient(timeoutMs, 1),
      };
      client = this.clientFor ? this.clientFor(region, config) : new sdk.ECRClient(config);
      this.clients.set(region, client);
    }
    const label = `registry ${repository.slice(0, repository.indexOf('/'))}`;
    const guard = new PageGuard({ label, what: 'tag list', maxPages: this.options.maxPages });
    const tags: string[] = [];
    let nextToken: string | undefined;
    do {
      guard.visit(nextToken ?? '');
      try {
        const page = await client.send(
          new sdk.ListImagesCommand({ registryId: accountId, repositoryName: name, filter: { tagStatus: 'TAGGED' }, nextToken, maxResults: 1000 }),
          { abortSignal: signal },
        );
        for (const id of page.imageIds ?? []) if (id.imageTag && (!keep || keep(id.imageTag))) tags.push(id.imageTag);
        nextToken = page.nextToken;
      } catch (error) {
        const code = (error as { name?: string }).name ?? '';
        if (code === 'RepositoryNotFoundException') throw new RegistryError(`ECR repository ${name} not found in ${accountId}/${region}`, true);
        if (code === 'AccessDeniedException' || code.includes('Credential')) {
          throw new RegistryError(`no access to ECR repository ${name} (${code}); check your AWS credentials`, true);
        }
        if (code === 'TimeoutError' && !signal.aborted) throw new RegistryError(`${label} did not answer within ${formatSeconds(timeoutMs)}`, false);
        throw error;
      }
    } while (nextToken);
    return tags;
  }
}
