import type { CommentArgs } from '../command-args';
import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';
import { UserError } from '../../errors/user-error';


export const commentCommand: CommandModule<object, CommentArgs> = {
  command: 'comment [target]',
  describe: 'Post plan.md of an env (or with --base, of the tier`s base) as its single comment of a pull request, updating it in place',
  builder: (yargs: Argv) =>
    yargs
      .positional('target', { describe: 'Env name as branchenv prints it, or a branch (default: the current branch)', type: 'string' })
      .option('branch', { describe: 'The env of this branch (CI passes the branch this way)', type: 'string' })
      .option('set', { describe: 'Service set (required unless --base)', type: 'string' })
      .option('base', { describe: 'Post the base plan of --tier (env base plan) as the pull request`s one base comment', type: 'boolean', default: false })
      .option('gitlab', { describe: 'Post a GitLab merge-request note instead (--pr: the merge request IID; GITLAB_TOKEN, CI_API_V4_URL, CI_PROJECT_ID)', type: 'boolean', default: false })
      .option('review', { describe: 'Post env review`s review.md as the pull request`s one review comment', type: 'boolean', default: false })
      .option('tier', { describe: 'Tier', choices: TIERS, default: 'stage' as Tier })
      .option('pr', { describe: 'Pull request number (a positive whole number)', type: 'number', demandOption: 'name the pull request, e.g. --pr 42' })
      .check((argv) => {
        const whole = argv.review ? '--review' : argv.base ? '--base' : undefined;
        if (argv.review && argv.base) throw new UserError('--review and --base each name the comment: pass one', 'e.g. comment --review --tier stage --pr 42');
        if (whole && (argv.set !== undefined || argv.target !== undefined || argv.branch !== undefined)) throw new UserError(`${whole} posts ${argv.review ? 'the review' : 'the base plan'} of a tier: it takes no env, --branch or --set`, `e.g. comment ${whole} --tier stage --pr 42`);
        if (!whole && !argv.set) throw new UserError('name the service set of the env, e.g. --set demo', 'or --review (env review) or --base (env base plan)');
        // yargs reads `--pr abc` as NaN and `--pr 4.5` as 4.5: refuse both before anything else runs.
        if (Number.isInteger(argv.pr) && (argv.pr as number) >= 1) return true;
        const given = Number.isNaN(argv.pr) ? 'not a number' : String(argv.pr);
        throw new UserError(`--pr must be a pull request number, a positive whole number (got ${given})`, 'e.g. --pr 42; in GitHub Actions: --pr ${{ github.event.pull_request.number }}');
      })
      .option('repo', { describe: 'owner/name (default: GITHUB_REPOSITORY)', type: 'string' })
      .option('file', { describe: 'Markdown to post (default: the env`s plan.md)', type: 'string' })
      .option('out', { describe: 'Working folder of env plan', type: 'string', default: '.branchenv' })
      .example('GITHUB_TOKEN=… $0 comment feature/x --set demo --pr 42', 'after env plan')
      .example('GITHUB_TOKEN=… $0 comment --base --tier stage --pr 42', 'after env base plan')
      .example('GITHUB_TOKEN=… $0 comment --review --tier stage --pr 42', 'after env review')
      .example('GITLAB_TOKEN=… $0 comment --review --gitlab --pr "$CI_MERGE_REQUEST_IID"', 'a GitLab merge-request note')
      .epilogue('Credentials: GITHUB_TOKEN with pull-requests: write; with --gitlab, GITLAB_TOKEN (api scope). No AWS.') as unknown as Argv<CommentArgs>,
  handler: async (args) => {
    const { runComment } = await import('../run-comment');
    await runComment(args);
  },
};
