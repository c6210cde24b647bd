/**
 * `env base plan|apply|show --tier <tier>`: the long-lived base of a tier, planned and applied like an
 * env (src/cli/run-base.ts).
 */
import type { Argv, CommandModule } from 'yargs';
import { Tier, TIERS } from '../../definitions/base-definition';
import type { BaseArgs } from '../command-args';

type Action = Exclude<BaseArgs['action'], 'changed'>;

const CREDENTIALS =
  'Credentials: the tier\'s account (AWS_PROFILE, aws sso login or AWS_* variables) with the state bucket (s3:GetObject, PutObject, ListBucket on it) and, for apply, rights to create what the base holds; none with --local.';

function baseOptions(yargs: Argv): Argv {
  return yargs
    .option('tier', { describe: 'Tier of the base', choices: TIERS, default: 'stage' as Tier })
    .option('local', { describe: 'Local mode: state in the embedded S3 store, no AWS account (plan and show only)', type: 'boolean', default: false })
    .option('out', { describe: 'Working folder for the stack, terraform and plans', type: 'string', default: '.branchenv' })
    .option('json', { describe: 'Machine-readable output', type: 'boolean', default: false });
}

function actionCommand(action: Action, describe: string, build: (yargs: Argv) => Argv, examples: readonly [string, string][]): CommandModule<object, BaseArgs> {
  return {
    command: action,
    describe,
    builder: (yargs: Argv) => {
      let built = build(baseOptions(yargs.usage(`$0 base ${action} --tier <tier>\n\n${describe}`))).epilogue(CREDENTIALS);
      for (const [command, what] of examples) built = built.example(command, what);
      return built as unknown as Argv<BaseArgs>;
    },
    handler: async (args) => {
      const run = await import('../run-base');
      const withAction = { ...args, action };
      if (action === 'plan') await run.runBasePlan(withAction);
      else if (action === 'apply') await run.runBaseApply(withAction);
      else await run.runBaseShow(withAction);
    },
  };
}

/** `base changed`: git only, no AWS, no terraform; CI asks it whether to plan or apply the base. */
const changedCommand: CommandModule<object, BaseArgs> = {
  command: 'changed',
  describe: 'Print true when the commits since --since touch base code (the tier`s base.ts, modules/, src/, dependencies), else false',
  builder: (yargs: Argv) =>
    yargs
      .usage('$0 base changed --tier <tier> --since <revision>')
      .option('tier', { describe: 'Tier of the base', choices: TIERS, default: 'stage' as Tier })
      .option('since', { describe: 'Revision to compare HEAD with (merge base ... HEAD)', type: 'string', demandOption: 'name the revision, e.g. --since origin/main' })
      .example('$0 base changed --tier stage --since origin/main', 'in a pull request job: true or false')
      .epilogue('Needs no credentials: it reads git history only. A revision this checkout lacks (a shallow clone, a new branch) counts as changed.') as unknown as Argv<BaseArgs>,
  handler: async (args) => {
    const { runBaseChanged } = await import('../run-base-changed');
    runBaseChanged(args);
  },
};

export const baseCommand: CommandModule<object, BaseArgs> = {
  command: 'base <action>',
  describe: "Plan, apply or show a tier's base (VPC, ingress shards, cluster, monitoring, database); whether a change touches it",
  builder: (yargs: Argv) =>
    yargs
      .command(
        actionCommand('plan', 'Plan the base: plan.bin, plan.json and plan.md (own marker) in its folder', (y) => y.option('detailed-exitcode', { describe: 'Exit 2 when the plan has changes', type: 'boolean', default: false }), [
          ['$0 base plan --tier stage', 'what applying the stage base would change'],
          ['$0 base plan --tier stage --local', 'the same with no AWS account'],
        ]),
      )
      .command(
        actionCommand(
          'apply',
          'Plan, then apply after approval; refuses a change of the base contract live envs read unless --force',
          (y) =>
            y
              .option('auto-approve', { describe: 'Apply without asking (stage)', type: 'boolean', default: false })
              .option('yes', { describe: 'Apply without asking; the prod base also needs --force', type: 'boolean', default: false })
              .option('force', { describe: 'Apply a plan that changes the contract live envs read; with --yes, the prod base without asking', type: 'boolean', default: false }),
          [
            ['$0 base apply --tier stage', 'asks before applying'],
            ['$0 base apply --tier prod', 'asks twice'],
            ['$0 base apply --tier prod --yes --force', 'CI, after its own approval step'],
          ],
        ),
      )
      .command(actionCommand('show', "The base's outputs (the contract envs read)", (y) => y, [['$0 base show --tier stage --json', 'outputs as JSON']]))
      .command(changedCommand)
      .demandCommand(1, 'name an action: plan, apply, show or changed (env base --help)') as unknown as Argv<BaseArgs>,
  handler: () => {
    // Reached only without a known action; demandCommand reports it.
  },
};
