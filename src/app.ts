/**
 * The CDKTF app named in cdktf.json (`cdktf synth`, `cdktf diff`): every base-level stack of every
 * tier, or, when BRANCHENV_SET is set, one branch env of that set (what `env synth <env> --set` writes).
 * The env script builds the same stacks in-process, without the CDKTF CLI.
 *
 * Environment read here only: CDKTF_OUTDIR (set by the CDKTF CLI); BRANCHENV_BOOTSTRAP=1 for a state
 * bucket with local state; BRANCHENV_SET, BRANCHENV_ENV (an env name or a branch, as `env synth`'s
 * argument) or BRANCHENV_BRANCH (a branch), BRANCHENV_TIER,
 * BRANCHENV_TAG, BRANCHENV_IMAGES (`svc=ref,svc=ref`), BRANCHENV_LOCAL=1 for an env; BRANCHENV_PROTECTED_ENVS
 * (protected envs get no sleep schedule).
 */
import { TIERS, Tier } from './definitions/base-definition';
import { isTier } from './definitions/tiers';
import { envSpec, loadEnv } from './env/prepare-env';
import { selectorOf } from './env/env-target';
import { protectedEnvNames } from './env/protected-envs';
import { chooseImages, parseImageFlags } from './images/image-overrides';
import { selectStacks, STACK_KINDS, StackSpec } from './stacks/catalog';
import { synthesize } from './synth/synthesize';

const vars = process.env;
const outdir = vars.CDKTF_OUTDIR ?? 'cdktf.out';

function envStack(set: string): StackSpec {
  const tier: Tier = vars.BRANCHENV_TIER && isTier(vars.BRANCHENV_TIER) ? vars.BRANCHENV_TIER : 'stage';
  const selector = selectorOf(vars.BRANCHENV_ENV, vars.BRANCHENV_BRANCH, () => {
    throw new Error('BRANCHENV_SET is set but neither BRANCHENV_ENV (an env name or branch) nor BRANCHENV_BRANCH names the env');
  });
  const env = loadEnv({ tier, set, selector });
  // No registry look-ups here: images come from BRANCHENV_TAG and BRANCHENV_IMAGES only.
  const overrides = parseImageFlags((vars.BRANCHENV_IMAGES ?? '').split(',').filter(Boolean));
  const images = chooseImages(env.set, env.set.registry ?? env.base.registry, overrides, vars.BRANCHENV_TAG);
  return envSpec(env, {
    images: Object.fromEntries(images.map((i) => [i.service, i.image])),
    local: vars.BRANCHENV_LOCAL === '1',
    commit: vars.BRANCHENV_COMMIT ?? 'unknown',
    createdBy: vars.BRANCHENV_CREATED_BY ?? vars.USER ?? 'unknown',
    now: new Date(),
    scheduledSleep: !protectedEnvNames(vars.BRANCHENV_PROTECTED_ENVS).includes(env.name),
  }).spec;
}

const specs = vars.BRANCHENV_SET
  ? [envStack(vars.BRANCHENV_SET)]
  : selectStacks(STACK_KINDS, TIERS, { bootstrap: vars.BRANCHENV_BOOTSTRAP === '1' });
synthesize(specs, outdir);
