import { NetworkError } from '../../net/network-error';

/** Lists the tags of one image repository. */
export interface TagSource {
  /** Where the tags come from, for messages: `ecr`, `oci`. */
  readonly kind: string;
  /**
   * Every tag of the repository that `keep` accepts (all when it is absent), read page by page so a
   * repository of 100,000 tags costs only what is kept. Bounded in time, pages and bytes; the tags
   * come only from the repository's own host.
   */
  listTags(repository: string, signal: AbortSignal, keep?: (tag: string) => boolean): Promise<string[]>;
}

/** A registry answered, but not with what we need (missing repository, refused credentials, …). */
export class RegistryError extends NetworkError {
  constructor(
    message: string,
    /** Retrying will not help (404, 401 after auth). */
    permanent: boolean,
  ) {
    super(message, permanent);
    this.name = 'RegistryError';
  }
}
