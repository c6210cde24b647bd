/** One problem in a definition, with the path to the offending field. */
export interface DefinitionProblem {
  /** Dotted path from the definition's root, e.g. `availabilityZones[1]`. */
  readonly path: string;
  /** What is wrong and what to change. */
  readonly message: string;
}

/** Thrown when a definition is invalid; lists every problem found, not only the first. */
export class DefinitionError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly DefinitionProblem[],
  ) {
    super(
      `${source} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'DefinitionError';
  }
}
