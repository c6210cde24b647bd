/**
 * The image of every service of a set for a branch: `--image` pins win, then `--tag`, then the
 * newest tag of the branch in the service's repository, else the newest of the fallback branch.
 * Repositories are listed concurrently, each with retries and a timeout.
 */
import { limitConcurrency } from '../concurrency/limit-concurrency';
import { ServiceDefinition, ServiceSetDefinition } from '../definitions/service-set';
import { repositoryAddress } from '../env/image-reference';
import { UserError } from '../errors/user-error';
import { NetworkError } from '../net/network-error';
import { newestTagFor, parseTag, tagPrefixOf } from '../tags/tag-convention';
import { checkPins, ImageResolution, pinnedImage } from './image-overrides';
import { EcrSource, isEcrRepository } from './sources/ecr';
import { OciRegistrySource } from './sources/oci-registry';
import { TagSource } from './sources/tag-source';

export interface ResolveOptions {
  readonly set: ServiceSetDefinition;
  /** Registry of the set's repositories (set or tier definition). */
  readonly registry: string;
  /** The owning branch, for messages. */
  readonly branch: string;
  /**
   * Tag prefix of the env's own images: its env name. Given when the env was named directly (its
   * branch is then only what its state recorded).
   * @default tagPrefixOf(branch)
   */
  readonly prefix?: string;
  /** @default 'develop' */
  readonly fallbackBranch?: string;
  /** Replaces the registry host of every per-branch repository (`--registry`, mirrors, tests). */
  readonly registryOverride?: string;
  /** `--image` pins by service. */
  readonly overrides?: Readonly<Record<string, string>>;
  /** `--tag`: one tag for every per-branch repository. */
  readonly tag?: string;
  /** Registry hosts reachable over plain HTTP besides loopback. */
  readonly insecureRegistries?: readonly string[];
  /** Sources by kind; defaults build ECR and OCI sources. */
  readonly sources?: { readonly ecr?: TagSource; readonly oci?: TagSource };
  /** @default 8 */
  readonly concurrency?: number;
  /** Attempts per repository for passing failures. @default 3 */
  readonly attempts?: number;
  /** Per attempt. @default 15000 */
  readonly timeoutMs?: number;
}

async function withRetries<T>(attempts: number, timeoutMs: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await task(AbortSignal.timeout(timeoutMs));
    } catch (error) {
      last = error;
      if (error instanceof NetworkError && error.permanent) throw error;
      if (attempt < attempts) await new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 1)));
    }
  }
  throw last;
}

export async function resolveImages(options: ResolveOptions): Promise<ImageResolution[]> {
  const fallback = options.fallbackBranch ?? 'develop';
  const overrides = options.overrides ?? {};
  checkPins(options.set, overrides, options.tag);
  const registry = options.registryOverride ?? options.registry;
  const ecr = options.sources?.ecr ?? new EcrSource();
  const oci = options.sources?.oci ?? new OciRegistrySource({ insecureRegistries: options.insecureRegistries });
  const branchPrefix = options.prefix ?? tagPrefixOf(options.branch);
  const fallbackPrefix = tagPrefixOf(fallback);
  // Only these tags are kept while listing: a repository of 100,000 tags costs what two branches have.
  const wanted = (tag: string) => [branchPrefix, fallbackPrefix].includes(parseTag(tag)?.prefix ?? '');

  const resolveOne = async (service: ServiceDefinition): Promise<ImageResolution> => {
    const pinned = pinnedImage(service, registry, overrides, options.tag);
    if (pinned) return pinned;
    // pinnedImage answers for every fixed image; what is left has a repository to look into.
    if ('fixed' in service.image) throw new Error(`${service.name}: fixed image not pinned`);
    const repository = repositoryAddress(registry, service.image.repository);
    const source = isEcrRepository(repository) ? ecr : oci;
    let tags: string[];
    try {
      tags = await withRetries(options.attempts ?? 3, options.timeoutMs ?? 15000, (signal) => source.listTags(repository, signal, wanted));
    } catch (error) {
      const message = error instanceof Error ? (error.name === 'TimeoutError' ? 'timed out' : error.message) : String(error);
      throw new Error(`${service.name}: cannot list tags of ${repository}: ${message}`);
    }
    const own = newestTagFor(branchPrefix, tags);
    if (own) return { service: service.name, repository, tag: own, image: `${repository}:${own}`, source: 'branch' };
    const fallbackTag = newestTagFor(fallbackPrefix, tags);
    if (fallbackTag) return { service: service.name, repository, tag: fallbackTag, image: `${repository}:${fallbackTag}`, source: 'fallback' };
    throw new Error(
      `${service.name}: ${repository} has no tag ${branchPrefix}-<count>-<sha> for branch ${options.branch} ` +
        `nor ${fallbackPrefix}-<count>-<sha> for ${fallback}`,
    );
  };
  const limit = limitConcurrency(options.concurrency ?? 8);
  const results = await Promise.allSettled(options.set.services.map((service) => limit(() => resolveOne(service))));
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as Error).message);
  if (failures.length > 0) {
    const summary = failures.length === 1 ? failures[0] : `${failures.length} services have no image: ${failures.join('; ')}`;
    throw new UserError(summary, 'push an image tagged as `env tag` prints, pin one with --image <service>=<ref>, or use --tag');
  }
  return results.map((r) => (r as PromiseFulfilledResult<ImageResolution>).value);
}
