/**
 * Options shared by the env commands (synth with --set, images, plan, apply, drop, show), and the
 * one place that turns them, git and the process environment into typed values.
 */
import type { Argv } from 'yargs';
import { Tier, TIERS } from '../definitions/base-definition';
import { EnvSelector, selectorOf } from '../env/env-target';
import { envSpec, loadEnv, LoadedEnv, PreparedEnv } from '../env/prepare-env';
import { checkedOutBranch, headRevision } from '../git/checkout-checks';
import { headCommit } from '../git/git-info';
import { imageReferenceProblem, repositoryAddress } from '../env/image-reference';
import { UserError } from '../errors/user-error';
import { ImageResolution, parseImageFlags } from '../images/image-overrides';
import { resolveImages } from '../images/resolve-images';
import { BackendChoice } from '../stacks/backend';
import { formatTag } from '../tags/tag-convention';
import { protectedEnvs } from './settings';

/** The flags of envFlags. */
export interface EnvFlagArgs {
  /** `--branch`: the env of this branch (a branch name, never taken as an env name). */
  readonly branch?: string;
  readonly image: string[];
  readonly tag?: string;
  readonly registry?: string;
  readonly insecureRegistry: string[];
  readonly fallbackBranch: string;
  readonly local: boolean;
  readonly commit?: string;
  readonly createdBy?: string;
  readonly out: string;
  readonly json: boolean;
  /** `--shard`: the ingress shard (load balancer) of the env; an env never moves once applied. */
  readonly shard?: number;
}

export interface EnvArgs extends EnvFlagArgs {
  /** An env name as branchenv prints it, or a branch (see src/env/env-target.ts). */
  readonly target?: string;
  /** Set by internal callers (reap): the env exactly, never named again from a string. Wins over target and --branch. */
  readonly selector?: EnvSelector;
  readonly set: string;
  readonly tier: Tier;
}

/** Adds the env options to a command that takes an env: `[target]` and `--set` required. */
export function envOptions<T>(yargs: Argv<T>): Argv<T & EnvArgs> {
  return envFlags(
    yargs
      .positional('target', { describe: 'Env name as branchenv prints it, or a branch (default: the current branch)', type: 'string' })
      .option('set', { describe: 'Service set', type: 'string', demandOption: 'name the service set, e.g. --set demo' })
      .option('tier', { describe: 'Tier', choices: TIERS, default: 'stage' as Tier }),
  ) as unknown as Argv<T & EnvArgs>;
}

/** The flags about images, local mode and output that every env command shares. */
export function envFlags<T>(yargs: Argv<T>): Argv<T> {
  return yargs
    .option('branch', { describe: 'The env of this branch; for branch names that look like env names (CI passes the branch this way)', type: 'string' })
    .option('image', { describe: 'Pin one service: <service>=<image reference> (repeatable)', type: 'string', array: true, default: [] as string[] })
    .option('tag', { describe: 'One image tag for every per-branch repository of the set', type: 'string' })
    .option('registry', { describe: 'Replace the registry host of every per-branch repository (<host[:port]>)', type: 'string' })
    .option('insecure-registry', { describe: 'Registry host reachable over plain HTTP (repeatable; loopback always is)', type: 'string', array: true, default: [] as string[] })
    .option('fallback-branch', { describe: 'Branch whose newest image a service falls back to', type: 'string', default: process.env.BRANCHENV_FALLBACK_BRANCH ?? 'develop' })
    .option('local', { describe: 'Local mode: state in an embedded S3 server, no AWS account needed (plan; apply with --simulate)', type: 'boolean', default: false })
    .option('commit', { describe: 'Commit recorded in tags (default: git HEAD)', type: 'string' })
    .option('created-by', { describe: 'Creator recorded in tags (default: CI actor or $USER)', type: 'string' })
    .option('out', { describe: 'Working folder for stacks, terraform and plans', type: 'string', default: '.branchenv' })
    .option('shard', { describe: 'Ingress shard (load balancer) of the env, 1 to the base\'s shards (default 1); an applied env stays on its own', type: 'number' })
    .option('json', { describe: 'Machine-readable output', type: 'boolean', default: false }) as unknown as Argv<T>;
}

/** The branch the command is about: the argument, or the checked-out branch. */
export function targetBranch(target: string | undefined, cwd: string): string {
  return target ?? checkedOutBranch(cwd);
}

/** The tag `env tag` computes for HEAD of the checkout, with a tag prefix (an env name: tagPrefixOf(branch)). */
export function headTag(prefix: string, cwd: string): string {
  return formatTag({ prefix, ...headRevision(cwd) });
}

/** The env the command is about: set by an internal caller, else the argument, --branch or the checked-out branch. */
export function selectorFromArgs(args: Pick<EnvArgs, 'selector' | 'target' | 'branch'>, cwd: string): EnvSelector {
  return args.selector ?? selectorOf(args.target, args.branch, () => targetBranch(undefined, cwd));
}

export interface ResolvedEnv {
  readonly env: LoadedEnv;
  readonly images: readonly ImageResolution[];
  /** Said to the user (e.g. which tag local mode used). */
  readonly notes: readonly string[];
}

/** Loads and validates the env, then resolves every service's image. */
export async function resolveEnv(args: EnvArgs, cwd: string): Promise<ResolvedEnv> {
  const env = loadEnv({ tier: args.tier, set: args.set, selector: selectorFromArgs(args, cwd) });
  // With --tag no registry is asked, so the host goes into image references unchecked otherwise.
  const registryProblem = args.registry === undefined ? undefined : imageReferenceProblem(repositoryAddress(args.registry, 'x'));
  if (registryProblem) throw new UserError(`--registry ${args.registry}: ${registryProblem}`, 'give a registry host with an optional port, e.g. --registry 127.0.0.1:5000');
  const notes: string[] = [];
  let tag = args.tag;
  if (args.local && !tag && !args.registry) {
    tag = headTag(env.name, cwd);
    notes.push(`local mode without --registry: every per-branch image uses ${tag}, the tag \`env tag\` computes for this checkout`);
  }
  const images = await resolveImages({
    set: env.set,
    registry: env.set.registry ?? env.base.registry,
    branch: env.branch,
    prefix: env.name,
    fallbackBranch: args.fallbackBranch,
    registryOverride: args.registry,
    overrides: parseImageFlags(args.image),
    tag,
    insecureRegistries: args.insecureRegistry,
  });
  return { env, images, notes };
}

/** The env's stack from a resolved env and the flags. */
export function buildEnv(resolved: ResolvedEnv, args: EnvArgs, cwd: string, localStateBackend?: BackendChoice): PreparedEnv {
  const shards = resolved.env.base.ingress?.shards ?? 1;
  if (args.shard !== undefined && !(Number.isInteger(args.shard) && args.shard >= 1 && args.shard <= shards)) {
    throw new UserError(`--shard ${args.shard}: the ${resolved.env.base.tier} base has ${shards} ingress shard${shards > 1 ? 's' : ''}`, `pass a shard from 1 to ${shards}, or raise ingress.shards in ${resolved.env.base.tier}/base.ts`);
  }
  return envSpec(resolved.env, {
    images: Object.fromEntries(resolved.images.map((i) => [i.service, i.image])),
    commit: args.commit ?? headCommit(cwd) ?? 'unknown',
    createdBy: args.createdBy ?? process.env.GITHUB_ACTOR ?? process.env.GITLAB_USER_LOGIN ?? process.env.CIRCLE_USERNAME ?? process.env.USER ?? 'unknown',
    now: new Date(),
    local: args.local,
    localStateBackend,
    shard: args.shard,
    // Protected envs never sleep on the schedule (`env sleep --force` still can).
    scheduledSleep: !protectedEnvs().includes(resolved.env.name),
  });
}
