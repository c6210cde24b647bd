import { UserError } from '../errors/user-error';
import { ServiceSetDefinition } from '../definitions/service-set';
import { repositoryAddress } from '../env/image-reference';

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Parses `--image <service>=<ref>` values into a map; every malformed value is named. */
export function parseImageFlags(values: readonly string[]): Record<string, string> {
  const images: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    const service = value.slice(0, eq);
    const ref = value.slice(eq + 1);
    if (eq <= 0 || ref.length === 0 || /\s/.test(value)) {
      throw new UserError(`--image "${value}" is not <service>=<image reference>`, 'example: --image api=123456789012.dkr.ecr.eu-west-1.amazonaws.com/demo/api:main-42-1a2b3c4');
    }
    if (images[service] !== undefined) throw new UserError(`--image names ${service} twice`, 'give one --image per service');
    images[service] = ref;
  }
  return images;
}

export interface ImageChoice {
  readonly service: string;
  readonly image: string;
  /** fixed: from the definition; override: --image; tag: --tag on the service's repository. */
  readonly source: 'fixed' | 'override' | 'tag';
}

/**
 * The image of every service from the flags: `--image` pins one service, `--tag` pins every
 * per-branch repository, fixed images stay. Fails naming the services still without an image.
 */
export function chooseImages(set: ServiceSetDefinition, registry: string, overrides: Readonly<Record<string, string>>, tag?: string): ImageChoice[] {
  const names = set.services.map((s) => s.name);
  const unknown = Object.keys(overrides).filter((s) => !names.includes(s));
  if (unknown.length > 0) throw new UserError(`--image names ${unknown.join(', ')}, not in set ${set.name}`, `services of ${set.name}: ${names.join(', ')}`);
  if (tag !== undefined && !TAG.test(tag)) throw new UserError(`--tag "${tag}" is not a valid image tag`, 'tags are letters, digits, _ . - (up to 128)');
  const missing: string[] = [];
  const choices: ImageChoice[] = [];
  for (const service of set.services) {
    if (overrides[service.name]) choices.push({ service: service.name, image: overrides[service.name], source: 'override' });
    else if ('fixed' in service.image) choices.push({ service: service.name, image: service.image.fixed, source: 'fixed' });
    else if (tag) choices.push({ service: service.name, image: `${repositoryAddress(registry, service.image.repository)}:${tag}`, source: 'tag' });
    else missing.push(service.name);
  }
  if (missing.length > 0) {
    throw new UserError(`no image for ${missing.join(', ')}`, 'pass --tag <tag> for every per-branch repository, or --image <service>=<ref> per service');
  }
  return choices;
}
