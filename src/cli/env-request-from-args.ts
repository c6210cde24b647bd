import { Tier } from '../definitions/base-definition';
import { EnvRequest } from '../env/prepare-env';
import { UserError } from '../errors/user-error';
import { currentBranch, headCommit } from '../git/git-info';
import { parseImageFlags } from '../images/image-overrides';

/** The flags an env command takes. */
export interface EnvArgs {
  readonly set: string;
  readonly tier: Tier;
  readonly image: string[];
  readonly tag?: string;
  readonly local: boolean;
  readonly commit?: string;
  readonly createdBy?: string;
}

/**
 * An EnvRequest from flags, git and the environment: the only place an env command reads them.
 * The branch defaults to the checked-out one; the commit to HEAD; the creator to the CI actor or user.
 */
export function envRequestFromArgs(branchArg: string | undefined, args: EnvArgs, cwd: string, env: NodeJS.ProcessEnv): EnvRequest {
  const branch = branchArg ?? currentBranch(cwd);
  if (branch === undefined) {
    throw new UserError('no branch given and HEAD is not on a branch', 'name the branch or env, e.g. env synth feature/login --set demo');
  }
  return {
    tier: args.tier,
    set: args.set,
    branch,
    imageOverrides: parseImageFlags(args.image),
    tag: args.tag,
    local: args.local,
    commit: args.commit ?? headCommit(cwd) ?? 'unknown',
    createdBy: args.createdBy ?? env.GITHUB_ACTOR ?? env.GITLAB_USER_LOGIN ?? env.CIRCLE_USERNAME ?? env.USER ?? 'unknown',
    now: new Date(),
  };
}
