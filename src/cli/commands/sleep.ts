/**
 * `env sleep` and `env wake`: what the base's sleep hours do on a schedule, by hand. The work is
 * loaded lazily (run-sleep.ts).
 */
import type { Argv, CommandModule } from 'yargs';
import type { SleepArgs } from '../command-args';
import { envOptions } from '../env-options';
import { SLEEP_IAM_ACTIONS } from '../../sleep/sleep-names';

function sleepOrWake(action: SleepArgs['action'], describe: string, examples: readonly [string, string][]): CommandModule<object, SleepArgs> {
  return {
    command: `${action} [target]`,
    describe,
    builder: (yargs: Argv) => {
      let built = envOptions(yargs);
      if (action === 'sleep') built = built.option('force', { describe: 'Also put a protected env to sleep (BRANCHENV_PROTECTED_ENVS)', type: 'boolean', default: false });
      for (const [command, what] of examples) built = built.example(command, what);
      return built.epilogue(`Does nothing to an env that already ${action === 'sleep' ? 'sleeps' : 'is awake'}. AWS permissions needed: ${SLEEP_IAM_ACTIONS.join(', ')}.`) as unknown as Argv<SleepArgs>;
    },
    handler: async (args) => {
      const { runSleep } = await import('../run-sleep');
      await runSleep({ ...args, action, force: args.force ?? false }, process.cwd());
    },
  };
}

export const sleepCommand = sleepOrWake('sleep', 'Scale an env to 0 until woken; its hosts answer "asleep" (stage sleeps outside the base\'s hours anyway)', [
  ['$0 sleep --set demo', 'the env of the current branch'],
  ['$0 sleep develop --set demo --force', 'a protected env'],
]);

export const wakeCommand = sleepOrWake('wake', 'Start a sleeping env again: its normal task counts, its hosts routed to the services', [
  ['$0 wake feature-x --set demo', 'then: env status feature-x --set demo --wait'],
]);
