/**
 * `env review`: the plans a pull request's reviewer needs, in one file for one comment
 * (src/cli/run-review.ts).
 */
import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';
import { CREDENTIALS_HELP } from '../credentials-help';
import { envFlags } from '../env-options';
import type { ReviewArgs } from '../run-review';

export const reviewCommand: CommandModule<object, ReviewArgs> = {
  command: 'review',
  describe: 'Plan what a pull request changes: its env, the target`s env, the base; one review.md',
  builder: (yargs: Argv) =>
    envFlags(
      yargs
        .option('set', { describe: 'Service set(s) (repeatable)', type: 'string', array: true, demandOption: 'name the service set(s), e.g. --set demo' })
        .option('tier', { describe: 'Tier', choices: TIERS, default: 'stage' as Tier })
        .option('target', { describe: 'The branch the pull request merges into (develop): its env is planned with this checkout`s code', type: 'string' })
        .option('env-branches', { describe: 'Branch patterns that get an env, as in `env ci --branches` (repeatable)', type: 'string', array: true, default: ['develop', 'infra*', 'test*'] })
        .option('own-always', { describe: 'Plan the branch`s own env even when it has none and gets none (a manual run)', type: 'boolean', default: false }),
    )
      .demandOption('branch', 'name the pull request`s branch, e.g. --branch "$GITHUB_HEAD_REF"')
      .example('$0 review --branch feature/x --target develop --set demo', 'then: env comment --review --pr 42')
      .epilogue(`Writes <out>/review.md: one section per plan, each with its summary line, within GitHub's comment limit. ${CREDENTIALS_HELP.plan}`) as unknown as Argv<ReviewArgs>,
  handler: async (args) => {
    const { runReview } = await import('../run-review');
    const outcome = await runReview(args);
    for (const section of outcome.sections) process.stdout.write(`${section.title.replace(/`/g, '')}: ${section.summary.replace(/\*\*|`/g, '')}\n`);
    process.stdout.write(`${outcome.file}\n`);
  },
};
