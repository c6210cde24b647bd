import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';

export interface TagArgs {
  readonly branch?: string;
}

export const tagCommand: CommandModule<object, TagArgs> = {
  command: 'tag',
  describe: 'Print the image tag for HEAD of this checkout: <branch-prefix>-<revision-count>-<sha>',
  builder: (yargs: Argv) =>
    yargs
      .option('branch', { describe: 'Branch to name the tag after (CI checkouts are often detached)', type: 'string' })
      .example('$0 tag', 'feature-login-28bb00-42-1a2b3c4 on branch feature/Login-Form')
      .example('$0 tag --branch "$GITHUB_HEAD_REF"', 'in CI')
      .epilogue(CREDENTIALS_HELP.tag) as unknown as Argv<TagArgs>,
  handler: async (args) => {
    const { headTag, targetBranch } = await import('../env-options');
    const { tagPrefixOf } = await import('../../tags/tag-convention');
    const cwd = process.cwd();
    process.stdout.write(`${headTag(tagPrefixOf(targetBranch(args.branch, cwd)), cwd)}\n`);
  },
};
