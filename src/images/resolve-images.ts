/**
 * The image of every service of a set for a branch: `--image` pins win, then `--tag`, then the
 * newest tag of the branch in the service's repository, else the newest of the fallback branch.
 * Repositories are listed concurrently, each with retries and a timeout.
 */
import { ServiceSetDefinition } from '../definitions/service-set';
import { repositoryAddress } from '../env/image-reference';
import { UserError } from '../errors/user-error';
import { newestTagFor, tagPrefixOf } from '../tags/tag-convention';
import { EcrSource, isEcrRepository } from './sources/ecr';
import { OciRegistrySource } from './sources/oci-registry';
import { RegistryError, TagSource } from './sources/tag-source';

export type ImageSourceKind = 'branch' | 'fallback' | 'override' | 'fixed';

export interface ImageResolution {
  readonly service: string;
  /** Repository address (no tag); for fixed and pinned images, the reference without its tag. */
  readonly repository: string;
  readonly tag: string;
  readonly image: string;
  readonly source: ImageSourceKind;
}

export interface ResolveOptions {
  readonly set: ServiceSetDefinition;
  /** Registry of the set's repositories (set or tier definition). */
  readonly registry: string;
  readonly branch: string;
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

function splitReference(ref: string): { repository: string; tag: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { repository: ref.slice(0, at), tag: ref.slice(at + 1) };
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { repository: ref, tag: 'latest' };
}

async function withRetries<T>(attempts: number, timeoutMs: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await task(AbortSignal.timeout(timeoutMs));
    } catch (error) {
      last = error;
      if (error instanceof RegistryError && error.permanent) throw error;
      if (attempt < attempts) await new Promise((r) => setTimeout(r, 200 * 2 ** (attempt - 1)));
    }
  }
  throw last;
}

async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: 'fulfilled', value: await fn(items[i]) };
      } catch (reason) {
        results[i] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function resolveImages(options: ResolveOptions): Promise<ImageResolution[]> {
  const fallback = options.fallbackBranch ?? 'develop';
  const overrides = options.overrides ?? {};
  const names = options.set.services.map((s) => s.name);
  const unknown = Object.keys(overrides).filter((s) => !names.includes(s));
  if (unknown.length > 0) throw new UserError(`--image names ${unknown.join(', ')}, not in set ${options.set.name}`, `services of ${options.set.name}: ${names.join(', ')}`);
  const registry = options.registryOverride ?? options.registry;
  const ecr = options.sources?.ecr ?? new EcrSource();
  const oci = options.sources?.oci ?? new OciRegistrySource({ insecureRegistries: options.insecureRegistries });
  const branchPrefix = tagPrefixOf(options.branch);
  const fallbackPrefix = tagPrefixOf(fallback);

  const results = await mapConcurrent(options.set.services, options.concurrency ?? 8, async (service): Promise<ImageResolution> => {
    const pinned = overrides[service.name];
    if (pinned) return { service: service.name, ...splitReference(pinned), image: pinned, source: 'override' };
    if ('fixed' in service.image) return { service: service.name, ...splitReference(service.image.fixed), image: service.image.fixed, source: 'fixed' };
    const repository = repositoryAddress(registry, service.image.repository);
    if (options.tag) return { service: service.name, repository, tag: options.tag, image: `${repository}:${options.tag}`, source: 'override' };
    const source = isEcrRepository(repository) ? ecr : oci;
    let tags: string[];
    try {
      tags = await withRetries(options.attempts ?? 3, options.timeoutMs ?? 15000, (signal) => source.listTags(repository, signal));
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
  });
  const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as Error).message);
  if (failures.length > 0) {
    const summary = failures.length === 1 ? failures[0] : `${failures.length} services have no image: ${failures.join('; ')}`;
    throw new UserError(summary, 'push an image tagged as `env tag` prints, pin one with --image <service>=<ref>, or use --tag');
  }
  return results.map((r) => (r as PromiseFulfilledResult<ImageResolution>).value);
}
