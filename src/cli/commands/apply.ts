import type { ApplyArgs } from '../command-args';
import { CREDENTIALS_HELP } from '../credentials-help';
import type { Argv, CommandModule } from 'yargs';
import { envOptions } from '../env-options';


export const applyCommand: CommandModule<object, ApplyArgs> = {
  command: 'apply [target]',
  aliases: ['a'],
  describe: 'Plan an env, ask, apply the saved plan with progress, wait until it runs, smoke-test its URLs and print them',
  builder: (yargs: Argv) =>
    envOptions(yargs)
      .option('auto-approve', { describe: 'Apply without asking', type: 'boolean', default: false })
      .option('smoke', { describe: 'After applying, wait until every service is steady (env status --wait) and probe each URL; --no-smoke skips both', type: 'boolean', default: true })
      .option('smoke-timeout', { describe: 'How long to wait for the services to be steady (m, h)', type: 'string', default: '10m' })
      .option('simulate', {
        describe:
          'With --local only: record the plan as if applied (a state built from the plan, placeholder ids), so later local plans show updates; nothing is created in AWS, no prompt, no smoke test. To forget simulated envs, delete <out>/local/s3 (drop needs AWS)',
        type: 'boolean',
        default: false,
      })
      .example('$0 apply --set demo', 'create or update the env of the current branch')
      .example('$0 -A feature/login --set demo', 'the same for CI, without a prompt')
      .example('$0 apply --set demo --local --simulate', 'record the local plan as if applied: the next `plan --local` shows updates')
      .epilogue(CREDENTIALS_HELP.apply) as unknown as Argv<ApplyArgs>,
  handler: async (args) => {
    const { runApply } = await import('../run-apply');
    await runApply(args);
  },
};
