/**
 * From what the user asked for (tier, set, branch) to a validated env stack, ready to synthesize,
 * in two steps so images can be resolved in between: loadEnv validates the definitions and names
 * the env; envSpec builds the stack from them. Both entries (the CLI and the CDKTF app) call them
 * with typed values.
 */
import { BaseDefinition, DEFAULT_ENV_TTL_DAYS, Tier } from '../definitions/base-definition';
import { ServiceSetDefinition } from '../definitions/service-set';
import { loadServiceSet } from '../definitions/service-sets';
import { loadBase } from '../definitions/tiers';
import { validateServiceSet } from '../definitions/validate-service-set';
import { envStackId } from '../names/stack-ids';
import { BackendChoice } from '../stacks/backend';
import { BranchStack, EMPTY_STATE, localBaseStateFile } from '../stacks/branch-stack';
import { StackSpec } from '../stacks/catalog';
import { EnvIdentity, expiryDate } from './env-identity';
import { EnvSelector, nameOf, NamedEnv } from './env-target';

export interface EnvTarget {
  readonly tier: Tier;
  readonly set: string;
  /** The env as the user named it: a branch, or an env name (see env-target). */
  readonly selector: EnvSelector;
}

export interface LoadedEnv {
  readonly base: BaseDefinition;
  readonly set: ServiceSetDefinition;
  /** The env's name and the branch the user claims owns it (checked against the env's record by the CLI). */
  readonly named: NamedEnv;
  /** The owning branch: the claimed one, or the env name until its record says otherwise (withOwner). */
  readonly branch: string;
  /** Env name. */
  readonly name: string;
  /** Stack id, also the env's folder name under the output folder. */
  readonly id: string;
}

/** Validates the base and the set (for this env's names) before anything touches a network. */
export function loadEnv(target: EnvTarget): LoadedEnv {
  const base = loadBase(target.tier);
  const named = nameOf(target.selector);
  const loaded = loadServiceSet(target.tier, target.set);
  const set = validateServiceSet(loaded.definition, loaded.source, { base, env: named.name });
  return { base, set, named, branch: named.branch ?? named.name, name: named.name, id: envStackId(target.tier, set.name, named.name) };
}

/** The env with its owning branch settled (from the env's record, see env-owner). */
export function withOwner(env: LoadedEnv, branch: string): LoadedEnv {
  return branch === env.branch ? env : { ...env, branch };
}

export interface EnvBuildOptions {
  /** Image reference per service. */
  readonly images: Readonly<Record<string, string>>;
  readonly commit: string;
  readonly createdBy: string;
  readonly now: Date;
  /** Local mode: no AWS, base values from defaults. */
  readonly local: boolean;
  /**
   * Where the env's own state lives in local mode (the embedded S3 server).
   * @default a local state file in the stack folder
   */
  readonly localStateBackend?: BackendChoice;
  /**
   * The ingress shard of the env.
   * @default 1
   */
  readonly shard?: number;
  /**
   * Sleep on the base's sleep hours; false for protected envs (they sleep only when asked).
   * @default true
   */
  readonly scheduledSleep?: boolean;
}

export interface PreparedEnv extends LoadedEnv {
  readonly identity: EnvIdentity;
  readonly spec: StackSpec;
}

export function envSpec(env: LoadedEnv, options: EnvBuildOptions): PreparedEnv {
  const identity: EnvIdentity = {
    name: env.name,
    branch: env.branch,
    commit: options.commit,
    createdBy: options.createdBy,
    expiresOn: expiryDate(options.now, env.base.envTtlDays ?? DEFAULT_ENV_TTL_DAYS),
  };
  const { base, set, id } = env;
  return {
    ...env,
    identity,
    spec: {
      id,
      kind: 'env',
      tier: base.tier,
      build: (app) =>
        new BranchStack(app, id, {
          base,
          set,
          identity,
          images: options.images,
          local: options.local,
          shard: options.shard,
          scheduledSleep: options.scheduledSleep,
          localStateBackend: options.localStateBackend,
        }),
      files: options.local ? { [localBaseStateFile(base.tier)]: EMPTY_STATE } : undefined,
    },
  };
}
