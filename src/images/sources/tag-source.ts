/** Lists the tags of one image repository. */
export interface TagSource {
  /** Where the tags come from, for messages: `ecr`, `oci`. */
  readonly kind: string;
  listTags(repository: string, signal: AbortSignal): Promise<string[]>;
}

/** A registry answered, but not with what we need (missing repository, refused credentials, …). */
export class RegistryError extends Error {
  constructor(
    message: string,
    /** Retrying will not help (404, 401 after auth). */
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}
