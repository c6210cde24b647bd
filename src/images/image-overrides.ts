import { ServiceDefinition, ServiceSetDefinition } from '../definitions/service-set';
import { imageReferenceProblem, imageTagProblem, repositoryAddress } from '../env/image-reference';
import { UserError } from '../errors/user-error';

/** Parses `--image <service>=<ref>` values into a map; every malformed value, or reference off the grammar, is named. */
export function parseImageFlags(values: readonly string[]): Record<string, string> {
  const images: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const service = value.slice(0, eq);
    const ref = value.slice(eq + 1);
    const example = 'example: --image api=123456789012.dkr.ecr.eu-west-1.amazonaws.com/demo/api:main-42-1a2b3c4';
    if (eq <= 0 || ref.length === 0 || /\s/.test(service)) throw new UserError(`--image "${value}" is not <service>=<image reference>`, example);
    const problem = imageReferenceProblem(ref);
    if (problem) throw new UserError(`--image ${value}: ${problem}`, example);
    if (images[service] !== undefined) throw new UserError(`--image names ${service} twice`, 'give one --image per service');
    images[service] = ref;
  }
  return images;
}

export type ImageSourceKind = 'branch' | 'fallback' | 'override' | 'fixed';

/** The image of one service and where it came from. */
export interface ImageResolution {
  readonly service: string;
  /** Repository address (no tag); for fixed and pinned images, the reference without its tag. */
  readonly repository: string;
  readonly tag: string;
  readonly image: string;
  readonly source: ImageSourceKind;
}

/** `repo:tag` or `repo@sha256:…` → repository and tag (`latest` when none). */
function splitReference(ref: string): { repository: string; tag: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { repository: ref.slice(0, at), tag: ref.slice(at + 1) };
  const colon = ref.lastIndexOf(':');
  return colon > ref.lastIndexOf('/') ? { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { repository: ref, tag: 'latest' };
}

/** Refuses `--image` pins of services the set does not have, and a `--tag` that is no image tag. */
export function checkPins(set: ServiceSetDefinition, overrides: Readonly<Record<string, string>>, tag?: string): void {
  const names = set.services.map((s) => s.name);
  const unknown = Object.keys(overrides).filter((s) => !names.includes(s));
  if (unknown.length > 0) throw new UserError(`--image names ${unknown.join(', ')}, not in set ${set.name}`, `services of ${set.name}: ${names.join(', ')}`);
  const problem = tag === undefined ? undefined : imageTagProblem(tag);
  if (problem) throw new UserError(`--tag "${tag}" is not a valid image tag: ${problem}`, 'tags are letters, digits, _ . - (up to 128), starting with a letter, digit or _');
}

/**
 * The image a service gets without looking at a registry: its `--image` pin, its fixed image, or
 * its repository with the `--tag`; undefined when its tag must be resolved.
 */
export function pinnedImage(service: ServiceDefinition, registry: string, overrides: Readonly<Record<string, string>>, tag?: string): ImageResolution | undefined {
  const pinned = overrides[service.name];
  if (pinned) return { service: service.name, ...splitReference(pinned), image: pinned, source: 'override' };
  if ('fixed' in service.image) return { service: service.name, ...splitReference(service.image.fixed), image: service.image.fixed, source: 'fixed' };
  if (!tag) return undefined;
  const repository = repositoryAddress(registry, service.image.repository);
  return { service: service.name, repository, tag, image: `${repository}:${tag}`, source: 'override' };
}

/**
 * The image of every service from the flags alone (the CDKTF app, which looks nothing up): fails
 * naming the services still without an image.
 */
export function chooseImages(set: ServiceSetDefinition, registry: string, overrides: Readonly<Record<string, string>>, tag?: string): ImageResolution[] {
  checkPins(set, overrides, tag);
  const choices = set.services.map((service) => pinnedImage(service, registry, overrides, tag));
  const missing = set.services.filter((_, i) => !choices[i]).map((s) => s.name);
  if (missing.length > 0) {
    throw new UserError(`no image for ${missing.join(', ')}`, 'pass --tag <tag> for every per-branch repository, or --image <service>=<ref> per service');
  }
  return choices as ImageResolution[];
}
