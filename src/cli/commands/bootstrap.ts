import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';
import type { BootstrapArgs } from '../command-args';

export const bootstrapCommand: CommandModule<object, BootstrapArgs> = {
  command: 'bootstrap',
  describe: "Create what a tier needs before its base: the state bucket, the image repositories and the CI identity (idempotent)",
  builder: (yargs: Argv) =>
    yargs
      .option('tier', { describe: 'Tier', choices: TIERS, default: 'stage' as Tier })
      .option('out', { describe: 'Working folder for the stack and terraform', type: 'string', default: '.branchenv' })
      .option('yes', { describe: 'Create without asking', type: 'boolean', default: false })
      .option('fallback-branch', { describe: "Branch whose newest images the repositories keep (envs fall back to them)", type: 'string', default: process.env.BRANCHENV_FALLBACK_BRANCH ?? 'develop' })
      .example('$0 bootstrap --tier stage', 'the stage state bucket and ECR repositories, their state moved into the bucket')
      .epilogue(
        "Credentials: the tier's account (accountId in the base definition; other accounts are refused), allowed to create and configure the bucket (s3:CreateBucket, Put*Configuration, PutBucketPolicy, PutBucketVersioning, PutBucketPublicAccessBlock, kms:CreateKey …), ecr:CreateRepository, PutLifecyclePolicy, PutImageScanningConfiguration, TagResource, iam:CreateOpenIDConnectProvider, CreateRole, PutRolePolicy (the CI identity), and sts:GetCallerIdentity.",
      ) as unknown as Argv<BootstrapArgs>,
  handler: async (args) => {
    const { runBootstrap } = await import('../run-bootstrap');
    await runBootstrap(args);
  },
};
