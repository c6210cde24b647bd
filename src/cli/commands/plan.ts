import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import { EnvArgs, envOptions } from '../env-options';

export interface PlanArgs extends EnvArgs {
  readonly detailedExitcode: boolean;
  /** Also write plan.json (terraform show -json); on by default in CI (CI=true). */
  readonly planJson?: boolean;
}

export const planCommand: CommandModule<object, PlanArgs> = {
  command: 'plan [target]',
  aliases: ['p'],
  describe: 'Plan an env: resolve images, synthesize it, write plan.bin, plan.txt and plan.md',
  builder: (yargs: Argv) =>
    envOptions(yargs)
      .option('detailed-exitcode', { describe: 'Exit 2 when the plan has changes, as terraform does', type: 'boolean', default: false })
      .option('plan-json', { describe: 'Also write plan.json (terraform show -json: about 2 s more); default: on when CI=true', type: 'boolean' })
      .example('$0 plan --set demo --local', 'a local plan of the current branch, no AWS account needed')
      .example('$0 plan feature/login --set demo', 'the plan a pull request gets')
      .epilogue(CREDENTIALS_HELP.plan) as unknown as Argv<PlanArgs>,
  handler: async (args) => {
    const { runPlan } = await import('../run-plan');
    const { printPlan } = await import('../print-plan');
    const outcome = await runPlan(args, { creates: true, planJson: args.planJson ?? process.env.CI === 'true' });
    printPlan(outcome, args.json);
    if (args.detailedExitcode && outcome.summary.hasChanges) process.exitCode = 2;
  },
};
