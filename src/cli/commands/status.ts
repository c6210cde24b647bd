import type { StatusArgs } from '../command-args';
import type { Argv, CommandModule } from 'yargs';
import { envOptions } from '../env-options';


/** IAM actions the command needs (README). */
export const STATUS_IAM_ACTIONS = [
  'ecs:DescribeServices',
  'ecs:ListTasks',
  'ecs:DescribeTasks',
  'elasticloadbalancing:DescribeTargetGroups',
  'elasticloadbalancing:DescribeTargetHealth',
] as const;

export const statusCommand: CommandModule<object, StatusArgs> = {
  command: 'status [target]',
  describe: 'Show whether an env runs: tasks, rollout, task definition and images, target health, URLs',
  builder: (yargs: Argv) =>
    envOptions(yargs)
      .option('wait', { describe: 'Poll until every service is steady; exit 1 at the deadline or on a rollback', type: 'boolean', default: false })
      .option('timeout', { describe: 'Deadline of --wait (30m, 1h)', type: 'string', default: '10m' })
      .option('interval', { describe: 'Seconds between reads with --wait', type: 'number', default: 10 })
      .example('$0 status --set demo', 'the env of the current branch')
      .example('$0 status feature-x --set demo --wait --timeout 15m', 'wait for a rollout to finish')
      .epilogue(`Exit code 1 when a service failed (rolled back, missing, no target group); with --wait, when the env is not steady by the deadline. AWS permissions needed: ${STATUS_IAM_ACTIONS.join(', ')}.`) as unknown as Argv<StatusArgs>,
  handler: async (args) => {
    const { runStatus } = await import('../run-status');
    process.exitCode = await runStatus(args);
  },
};
