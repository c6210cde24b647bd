/**
 * `env secrets set|list|rm`: an env's own secrets in AWS Secrets Manager, under
 * `branchenv/<tier>/<set>/<env>/secrets/NAME`, referenced by a service set as `{ envSecret: 'NAME' }`.
 * Values come from standard input only and are never printed.
 */
import type { Argv, CommandModule } from 'yargs';
import { CREDENTIALS_HELP } from '../credentials-help';
import type { SecretsArgs } from '../command-args';
import { envOptions } from '../env-options';

type Action = SecretsArgs['action'];

/** One action: the env options, its usage line and examples; the work is loaded lazily. */
function actionCommand(action: Action, usage: string, describe: string, examples: readonly [string, string][]): CommandModule<object, SecretsArgs> {
  return {
    command: `${action} [target] [names..]`,
    describe,
    builder: (yargs: Argv) => {
      let built = envOptions(yargs.usage(`$0 secrets ${usage}\n\n${describe}`))
        .positional('names', { describe: action === 'list' ? 'Nothing: list takes only the env' : 'Secret name(s)', type: 'string', array: true, default: [] as string[] });
      for (const [command, what] of examples) built = built.example(command, what);
      return built.epilogue(CREDENTIALS_HELP.secrets) as unknown as Argv<SecretsArgs>;
    },
    handler: async (args) => {
      const { runSecrets } = await import('../run-secrets');
      await runSecrets({ ...args, action }, process.cwd());
    },
  };
}

export const secretsCommand: CommandModule<object, SecretsArgs> = {
  command: 'secrets <action>',
  describe: "Set, list or remove an env's secrets (Secrets Manager; values never printed)",
  builder: (yargs: Argv) =>
    yargs
      .command(
        actionCommand('set', 'set [target] --set <set> NAME', 'Store NAME; the value comes from stdin, never from arguments', [
          ['printf %s "$STRIPE_KEY" | $0 secrets set feature/login --set demo STRIPE_KEY', 'from a variable, without a trailing newline'],
          ['$0 secrets set --set demo STRIPE_KEY', 'at a terminal: type the value (not shown), then Ctrl-D'],
        ]),
      )
      .command(
        actionCommand('list', 'list [target] --set <set> [--json]', 'List names and last-changed dates, never values', [
          ['$0 secrets list feature/login --set demo', 'names and dates'],
          ['$0 secrets list --set demo --json', '[{"name", "lastChanged"}]'],
        ]),
      )
      .command(
        actionCommand('rm', 'rm [target] --set <set> NAME [NAME...]', 'Delete secrets at once (no recovery window)', [
          ['$0 secrets rm feature/login --set demo STRIPE_KEY', 'delete one'],
          ['$0 secrets rm --branch feature/login --set demo STRIPE_KEY OLD_TOKEN', 'delete two'],
        ]),
      )
      .demandCommand(1, 'name an action: set, list or rm (env secrets --help)') as unknown as Argv<SecretsArgs>,
  handler: () => {
    // Reached only without a known action; demandCommand reports it.
  },
};
