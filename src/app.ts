/**
 * The CDKTF app named in cdktf.json (`cdktf synth`, `cdktf diff`): every stack of every tier.
 * The env script builds the same stacks, one selection at a time, without the CDKTF CLI.
 * Environment read here only: CDKTF_OUTDIR (set by the CDKTF CLI), BRANCHENV_BOOTSTRAP=1 for a
 * state bucket with local state.
 */
import { TIERS } from './definitions/base-definition';
import { selectStacks, STACK_KINDS } from './stacks/catalog';
import { synthesize } from './synth/synthesize';

const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
const bootstrap = process.env.BRANCHENV_BOOTSTRAP === '1';
synthesize(selectStacks(STACK_KINDS, TIERS, { bootstrap }), outdir);
