import { ciImages, CiProvider, DEFAULT_CI_PATHS, renderCi } from '../ci/render-ci';
import { describeDuration } from '../time/duration';
import { loadServiceSet } from '../definitions/service-sets';
import { loadBase } from '../definitions/tiers';
import { validateServiceSet } from '../definitions/validate-service-set';
import { UserError } from '../errors/user-error';
import { MIN_TERRAFORM_VERSION, PINNED_TERRAFORM_VERSION, isSupportedVersion } from '../terraform/terraform-binary';
import type { CiArgs } from './command-args';
import { checkFilePath, writeFilesSafely } from './safe-write';

export function runCi(args: CiArgs): void {
  const base = loadBase(args.tier);
  try {
    describeDuration(args.reapAge);
  } catch (error) {
    throw new UserError(`--reap-age: ${(error as Error).message}`, 'e.g. --reap-age 7d');
  }
  const bad = args.branches.filter((b) => !/^[A-Za-z0-9._/*-]+$/.test(b));
  if (bad.length > 0) throw new UserError(`--branches ${bad.join(', ')}: use letters, digits, . _ / - and * only`, 'e.g. --branches develop --branches "infra*"');
  if (!/^[0-9]+\.[0-9]+\.[0-9]+$/.test(args.terraformVersion)) throw new UserError(`--terraform-version ${args.terraformVersion}: give a release, e.g. ${PINNED_TERRAFORM_VERSION}`);
  if (!isSupportedVersion(args.terraformVersion)) throw new UserError(`--terraform-version ${args.terraformVersion} is older than branchenv needs (${MIN_TERRAFORM_VERSION.join('.')})`, `e.g. --terraform-version ${PINNED_TERRAFORM_VERSION}`);
  if (!/^[A-Za-z0-9._/-]+$/.test(args.defaultBranch) || args.defaultBranch.startsWith('-')) throw new UserError(`--default-branch ${args.defaultBranch}: use letters, digits, . _ / - only`, 'e.g. --default-branch main');
  const sets = [...new Set(args.set)].map((name) => {
    const loaded = loadServiceSet(args.tier, name);
    return validateServiceSet(loaded.definition, loaded.source, { base });
  });
  const registry = args.registry ?? base.registry;
  const content = renderCi(args.provider as CiProvider, {
    branches: args.branches,
    sets: sets.map((s) => s.name),
    tier: args.tier,
    region: args.region ?? base.region,
    // The role env bootstrap creates for the tier's CI (src/ci/ci-role-policy.ts).
    roleArn: args.roleArn ?? `arn:aws:iam::${base.accountId}:role/branchenv-${args.tier}-ci`,
    registry,
    reapAge: args.reapAge,
    images: ciImages(sets, registry, args.contextDir),
    defaultBranch: args.defaultBranch,
    terraformVersion: args.terraformVersion,
  });
  const out = args.out ?? DEFAULT_CI_PATHS[args.provider as CiProvider];
  if (args.stdout || out === '-') {
    process.stdout.write(content);
    return;
  }
  checkFilePath(out, '--out', DEFAULT_CI_PATHS[args.provider as CiProvider]);
  const [outcome] = writeFilesSafely([{ file: out, content }], {
    force: args.force,
    otherwise: `print it instead: env ci ${args.provider} --out - (e.g. | diff ${out} -)`,
  });
  process.stdout.write(outcome === 'unchanged' ? `${out} unchanged\n` : `${out}\n`);
}
