/**
 * CI configuration for a project that uses branchenv, rendered from the Handlebars templates in
 * src/templates/ci: GitHub Actions, GitLab CI or CircleCI, all doing the same: build and push each
 * per-branch image tagged with `env tag` and apply the env on a push to a matching branch, plan on
 * pull requests, drop when the branch goes, reap and check drift nightly, plan the base when a change
 * touches base code and apply it after a merge behind the provider's manual approval; a manual run
 * plans, applies or drops one branch's env.
 */
import type { Tier } from '../definitions/base-definition';
import { repositoryAddress } from '../env/image-reference';
import { baseStackId } from '../names/stack-ids';
import { describeDuration } from '../time/duration';
import { renderTemplate } from '../templates/render-template';
import { baseCodePaths } from './base-code';
import { registryLogin } from './registry-login';

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
  /** Branch patterns that get an environment (`develop`, `infra*`, `test*`); duplicates are dropped. */
  readonly branches: readonly string[];
  /** Service sets deployed per env; duplicates are dropped. */
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
  /** The branch merges land on: a base change there is applied after approval. */
  readonly defaultBranch: string;
  /** Terraform release every job that runs terraform installs (`1.11.4`). */
  readonly terraformVersion: string;
}

/** A branch pattern's characters that mean something in a regular expression, escaped; `*` stays. */
function escapeRegex(pattern: string): string {
  return pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** `infra*` → the regular expression GitLab and CircleCI want: `infra.*`; `/` escaped (both delimit with it). */
export function patternToRegex(pattern: string): string {
  return escapeRegex(pattern)
    .replace(/\//g, '\\/')
    .replace(/\*/g, '.*');
}

/** Whether a branch matches a push pattern (`*` within a path segment, as GitHub reads it). */
export function branchMatches(pattern: string, branch: string): boolean {
  const regex = escapeRegex(pattern).replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*');
  return new RegExp(`^${regex}$`).test(branch);
}

/** GitLab `changes:` globs of the base code (src/ci/base-code.ts): a folder prefix becomes `folder/**\/*`. */
function gitlabChangeGlobs(tier: Tier): string[] {
  return baseCodePaths(tier).map((p) => (p.endsWith('/') ? `${p}**/*` : p));
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The configuration file of a CI system for the settings. */
export function renderCi(provider: CiProvider, settings: CiSettings): string {
  const branches = unique(settings.branches);
  const login = registryLogin(settings.registry);
  const defaultIsEnvBranch = branches.some((b) => branchMatches(b, settings.defaultBranch));
  return renderTemplate(`ci/${provider}.yml.hbs`, {
    ...settings,
    branches,
    sets: unique(settings.sets),
    pushBranches: defaultIsEnvBranch ? branches : [...branches, settings.defaultBranch],
    defaultIsEnvBranch,
    registryHost: login.host,
    ecr: login.kind === 'ecr',
    ghcr: login.kind === 'ghcr',
    gitlabRegistry: login.kind === 'gitlab',
    otherRegistry: login.kind === 'other',
    dockerHub: login.host === 'docker.io',
    branchRegex: `^(${branches.map(patternToRegex).join('|')})$`,
    branchRegexes: branches.map((b) => ({ regex: `^${patternToRegex(b)}$` })),
    defaultBranchRegex: `^${patternToRegex(settings.defaultBranch)}$`,
    autoStopIn: describeDuration(settings.reapAge),
    basePlanFile: `.branchenv/stacks/${baseStackId(settings.tier)}/plan.md`,
    baseChangeGlobs: gitlabChangeGlobs(settings.tier),
    // The prod base asks twice at a terminal; in CI the provider's approval step is the ask.
    baseApplyFlags: settings.tier === 'prod' ? '--yes --force' : '--auto-approve',
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
