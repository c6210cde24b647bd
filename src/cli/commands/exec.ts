import type { ExecArgs } from '../command-args';
import type { Argv, CommandModule } from 'yargs';
import { envOptions } from '../env-options';


export const execCommand: CommandModule<object, ExecArgs> = {
  command: 'exec [target]',
  describe: 'Open a shell, or run the command after --, in a running task of a service (ECS Exec; stage only; needs session-manager-plugin)',
  builder: (yargs: Argv) =>
    envOptions(yargs)
      .option('service', { describe: 'Service of the set', type: 'string', demandOption: 'name the service, e.g. --service api' })
      .option('container', { describe: "Container of the task (default: the service's app container)", type: 'string' })
      .option('task', { describe: 'Task id or ARN (default: the first running task of the service)', type: 'string' })
      .example('$0 exec feature/login --set demo --service api', 'a /bin/sh in the api container of that env')
      .example("$0 exec --set demo --service api -- sh -c 'env | sort'", 'a command, each argument kept whole (no shell unless you run one)')
      .epilogue(
        'Needs AWS\'s session-manager-plugin on PATH, and ecs:ListTasks, ecs:DescribeTasks and ecs:ExecuteCommand. ' +
          'The command after -- runs without a shell; use sh -c for pipes and variables.',
      ) as unknown as Argv<ExecArgs>,
  handler: async (args) => {
    const { runExec } = await import('../run-exec');
    process.exitCode = await runExec(args, { cwd: process.cwd(), path: process.env.PATH, profile: process.env.AWS_PROFILE ?? '' });
  },
};
