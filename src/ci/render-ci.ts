/**
 * CI configuration for a project that uses branchenv, rendered from the Handlebars templates in
 * src/templates/ci: GitHub Actions, GitLab CI or CircleCI, all doing the same: build and push each
 * per-branch image tagged with `env tag` and apply the env on a push to a matching branch, plan on
 * pull requests, drop when the branch goes, reap nightly.
 */
import { Tier } from '../definitions/base-definition';
import { repositoryAddress } from '../env/image-reference';
import { describeDuration } from '../time/duration';
import { renderTemplate } from '../templates/render-template';

export const CI_PROVIDERS = ['github', 'gitlab', 'circleci'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

/** Where each provider expects its configuration. */
export const DEFAULT_CI_PATHS: Readonly<Record<CiProvider, string>> = {
  github: '.github/workflows/branchenv.yml',
  gitlab: '.gitlab-ci.yml',
  circleci: '.circleci/config.yml',
};

export interface CiImage {
  readonly set: string;
  readonly service: string;
  /** Repository address without tag. */
  readonly repository: string;
  /** Docker build context of the service. */
  readonly context: string;
}

export interface CiSettings {
  /** Branch patterns that get an environment (`develop`, `infra*`, `test*`). */
  readonly branches: readonly string[];
  readonly sets: readonly string[];
  readonly tier: Tier;
  readonly region: string;
  /** IAM role CI assumes through OIDC. */
  readonly roleArn: string;
  readonly registry: string;
  /** How old an unchanged env may get before the nightly reap (`7d`). */
  readonly reapAge: string;
  /** Per-branch images to build (fixed images are skipped). */
  readonly images: readonly CiImage[];
}

/** `infra*` → the regular expression GitLab and CircleCI want: `infra.*`. */
export function patternToRegex(pattern: string): string {
  return pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
}

/** The configuration file of a CI system for the settings. */
export function renderCi(provider: CiProvider, settings: CiSettings): string {
  const ecr = /\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com/.test(settings.registry);
  return renderTemplate(`ci/${provider}.yml.hbs`, {
    ...settings,
    ecr,
    branchRegex: `^(${settings.branches.map(patternToRegex).join('|')})$`,
    branchRegexes: settings.branches.map((b) => ({ regex: patternToRegex(b) })),
    autoStopIn: describeDuration(settings.reapAge),
  });
}

/** The per-branch images of the given sets, from their definitions. */
export function ciImages(sets: readonly { name: string; registry?: string; services: readonly { name: string; image: { repository: string } | { fixed: string } }[] }[], registry: string, contextDir: string): CiImage[] {
  const seen = new Set<string>();
  const images: CiImage[] = [];
  for (const set of sets) {
    for (const service of set.services) {
      if (!('repository' in service.image)) continue;
      const repository = repositoryAddress(set.registry ?? registry, service.image.repository);
      if (seen.has(repository)) continue;
      seen.add(repository);
      images.push({ set: set.name, service: service.name, repository, context: `${contextDir}/${service.name}` });
    }
  }
  return images;
}
