/**
 * The image each service is drawn with, without asking a registry: the `--image` pin, the fixed image,
 * `<repository>:<--tag>`, or else the pattern of the branch tag the env would resolve.
 */
import { ServiceSetDefinition } from '../definitions/service-set';
import { repositoryAddress } from '../env/image-reference';
import { checkPins, chooseImages, ImageResolution, pinnedImage } from '../images/image-overrides';

export interface GraphImagesInput {
  readonly set: ServiceSetDefinition;
  /** Registry of the set's repositories (the set's, else the tier's; `--registry` wins). */
  readonly registry: string;
  /** Env name: the prefix of the branch's tags. */
  readonly env: string;
  readonly fallbackBranch: string;
  /** `--image` pins by service. */
  readonly overrides: Readonly<Record<string, string>>;
  /** `--tag`. */
  readonly tag?: string;
}

export interface GraphImages {
  /** Image reference (or pattern) per service. */
  readonly images: Readonly<Record<string, string>>;
  /** What the references mean. */
  readonly legend: readonly string[];
}

/** The branch tag a per-branch repository would be resolved to, as a pattern. */
export function branchTagPattern(env: string): string {
  return `${env}-<count>-<sha>`;
}

export function graphImages(input: GraphImagesInput): GraphImages {
  const { set, registry, overrides, tag } = input;
  const pinned = Object.keys(overrides).length > 0;
  if (tag !== undefined) {
    const chosen = chooseImages(set, registry, overrides, tag);
    const legend = [`images: --tag ${tag} for every per-branch repository${pinned ? ', --image pins as given' : ''}; fixed images as defined`];
    return { images: Object.fromEntries(chosen.map((c) => [c.service, c.image])), legend };
  }
  checkPins(set, overrides);
  const choices = set.services.map((s): ImageResolution | { service: string; image: string } =>
    pinnedImage(s, registry, overrides) ?? {
      service: s.name,
      image: `${repositoryAddress(registry, 'repository' in s.image ? s.image.repository : s.name)}:${branchTagPattern(input.env)}`,
    },
  );
  const legend = [
    `images: <repository>:${branchTagPattern(input.env)} is the newest tag of the branch, else of ${input.fallbackBranch} (registries not asked)` +
      `${pinned ? '; --image pins as given' : ''}; fixed images as defined`,
  ];
  return { images: Object.fromEntries(choices.map((c) => [c.service, c.image])), legend };
}
