import type { CiArgs } from '../command-args';
import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';
import { PINNED_TERRAFORM_VERSION } from '../../terraform/terraform-binary';


export const ciCommand: CommandModule<object, CiArgs> = {
  command: 'ci <provider>',
  describe: 'Generate CI: an env per branch, the base planned and applied after approval, nightly drift (github, gitlab, circleci)',
  builder: (yargs: Argv) =>
    yargs
      .positional('provider', { describe: 'CI system', choices: ['github', 'gitlab', 'circleci'], type: 'string' })
      .option('out', {
        describe: 'File to write (default: where the provider looks for it; - for standard output). A folder is refused; an existing file is replaced only with --force',
        type: 'string',
      })
      .option('force', { describe: 'Replace an existing --out file whose content differs', type: 'boolean', default: false })
      .option('stdout', { describe: 'Print instead of writing a file', type: 'boolean', default: false })
      .option('branches', { describe: 'Branch patterns that get an env (repeatable)', type: 'string', array: true, default: ['develop', 'infra*', 'test*'] })
      .option('set', { describe: 'Service set(s) deployed per env (repeatable)', type: 'string', array: true, default: ['demo'] })
      .option('tier', { describe: 'Tier of the envs', choices: TIERS, default: 'stage' as Tier })
      .option('region', { describe: 'AWS region (default: the tier`s)', type: 'string' })
      .option('role-arn', { describe: 'IAM role CI assumes through OIDC (default: arn:aws:iam::<tier account>:role/branchenv-<tier>-ci, the role env bootstrap creates)', type: 'string' })
      .option('registry', { describe: 'Registry the images are pushed to (default: the tier`s)', type: 'string' })
      .option('reap-age', { describe: 'Nightly reap drops envs unchanged for this long', type: 'string', default: '7d' })
      .option('context-dir', { describe: 'Folder holding one Docker build context per service', type: 'string', default: 'services' })
      .option('default-branch', { describe: 'Branch merges land on: a base change there is planned and applied after approval', type: 'string', default: 'main' })
      .option('terraform-version', { describe: 'Terraform release every job that runs terraform installs', type: 'string', default: PINNED_TERRAFORM_VERSION })
      .example('$0 ci github', 'writes .github/workflows/branchenv.yml')
      .example('$0 ci gitlab --branches develop --branches "review/*" --stdout', 'prints .gitlab-ci.yml')
      .epilogue('Needs no credentials. The jobs assume --role-arn through OIDC (env bootstrap creates it when the base names its CI).') as unknown as Argv<CiArgs>,
  handler: async (args) => {
    const { runCi } = await import('../run-ci');
    runCi(args);
  },
};
