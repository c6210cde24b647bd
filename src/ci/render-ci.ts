/**
 * CI configuration for a project that uses branchenv, rendered from the Handlebars templates in
 * src/templates/ci: GitHub Actions, GitLab CI or CircleCI, all doing the same: build and push each
 * per-branch image tagged with `env tag` and apply the env on a push to a matching branch, plan on
 * pull requests, drop when the branch goes, reap nightly.
 */
import * as fs from 'node:fs';
import Handlebars from 'handlebars';
import { Tier } from '../definitions/base-definition';
import { repositoryAddress } from '../env/image-reference';
import { templatePath } from '../templates/template-path';

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

/** `7d` → `7 days` (GitLab's auto_stop_in). */
export function humanDuration(duration: string): string {
  const match = /^(\d+)\s*([mhdw])$/.exec(duration.trim());
  if (!match) throw new Error(`"${duration}" is not a duration such as 12h, 7d or 2w`);
  const unit = { m: 'minute', h: 'hour', d: 'day', w: 'week' }[match[2] as 'm' | 'h' | 'd' | 'w'];
  return `${match[1]} ${unit}${match[1] === '1' ? '' : 's'}`;
}

const compiled = new Map<CiProvider, Handlebars.TemplateDelegate>();

export function renderCi(provider: CiProvider, settings: CiSettings): string {
  let template = compiled.get(provider);
  if (!template) {
    template = Handlebars.compile(fs.readFileSync(templatePath(`ci/${provider}.yml.hbs`), 'utf8'), { noEscape: true, strict: true });
    compiled.set(provider, template);
  }
  const ecr = /\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com/.test(settings.registry);
  return template({
    ...settings,
    ecr,
    branchRegex: `^(${settings.branches.map(patternToRegex).join('|')})$`,
    branchRegexes: settings.branches.map((b) => ({ glob: b, regex: patternToRegex(b), literal: !b.includes('*') })),
    autoStopIn: humanDuration(settings.reapAge),
    images: settings.images.map((i) => ({ ...i, stepId: `${i.set}-${i.service}` })),
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
