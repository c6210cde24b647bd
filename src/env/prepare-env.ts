/**
 * From what the user asked for (tier, set, branch, image flags) to a validated env stack, ready
 * to synthesize. Both entries (the CLI and the CDKTF app) call it with typed values.
 */
import { BaseDefinition, Tier } from '../definitions/base-definition';
import { ServiceSetDefinition } from '../definitions/service-set';
import { loadServiceSet, UnknownSetError } from '../definitions/service-sets';
import { loadBase } from '../definitions/tiers';
import { validateServiceSet } from '../definitions/validate-service-set';
import { UserError } from '../errors/user-error';
import { chooseImages, ImageChoice } from '../images/image-overrides';
import { envNameOf } from '../names/env-name';
import { envStackId } from '../names/stack-ids';
import { BranchStack, EMPTY_STATE, localBaseStateFile } from '../stacks/branch-stack';
import { StackSpec } from '../stacks/catalog';
import { EnvIdentity, expiryDate } from './env-identity';

export interface EnvRequest {
  readonly tier: Tier;
  readonly set: string;
  /** Branch name or env name; both go through the name function. */
  readonly branch: string;
  /** `--image` pins, by service. */
  readonly imageOverrides: Readonly<Record<string, string>>;
  /** `--tag`: one tag for every per-branch repository. */
  readonly tag?: string;
  readonly local: boolean;
  readonly commit: string;
  readonly createdBy: string;
  readonly now: Date;
}

export interface PreparedEnv {
  readonly base: BaseDefinition;
  readonly set: ServiceSetDefinition;
  readonly identity: EnvIdentity;
  readonly images: readonly ImageChoice[];
  readonly spec: StackSpec;
}

export function prepareEnv(request: EnvRequest): PreparedEnv {
  if (request.branch.trim().length === 0) throw new UserError('the branch name is empty', 'name a branch or an env, or run inside a git checkout on a branch');
  const base = loadBase(request.tier);
  const name = envNameOf(request.branch);
  let loaded;
  try {
    loaded = loadServiceSet(request.tier, request.set);
  } catch (error) {
    if (error instanceof UnknownSetError) {
      throw new UserError(`unknown set "${request.set}" for tier ${request.tier}`, `known sets: ${error.known.join(', ') || '(none)'}`);
    }
    throw error;
  }
  const set = validateServiceSet(loaded.definition, loaded.source, { base, env: name });
  const images = chooseImages(set, set.registry ?? base.registry, request.imageOverrides, request.tag);
  const identity: EnvIdentity = {
    name,
    branch: request.branch,
    commit: request.commit,
    createdBy: request.createdBy,
    expiresOn: expiryDate(request.now, base.envTtlDays ?? 7),
  };
  const id = envStackId(request.tier, set.name, name);
  const imageMap = Object.fromEntries(images.map((i) => [i.service, i.image]));
  return {
    base,
    set,
    identity,
    images,
    spec: {
      id,
      kind: 'env',
      tier: request.tier,
      build: (app) => new BranchStack(app, id, { base, set, identity, images: imageMap, local: request.local }),
      files: request.local ? { [localBaseStateFile(base.tier)]: EMPTY_STATE } : undefined,
    },
  };
}

