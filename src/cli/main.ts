/**
 * Entry of the env script (scripts/env). Flags and environment variables are read here and in the
 * command modules' option parsing, nowhere below.
 */
import yargs from 'yargs';
import { DefinitionError } from '../definitions/definition-error';
import { imagesCommand } from './commands/images';
import { applyCommand } from './commands/apply';
import { baseCommand } from './commands/base';
import { bootstrapCommand } from './commands/bootstrap';
import { capacityCommand } from './commands/capacity';
import { ciCommand } from './commands/ci';
import { commentCommand } from './commands/comment';
import { reviewCommand } from './commands/review';
import { driftCommand } from './commands/drift';
import { dropCommand } from './commands/drop';
import { dropBaseCommand } from './commands/drop-base';
import { listCommand } from './commands/list';
import { logsCommand } from './commands/logs';
import { execCommand } from './commands/exec';
import { graphCommand } from './commands/graph';
import { costCommand } from './commands/cost';
import { statusCommand } from './commands/status';
import { planCommand } from './commands/plan';
import { reapCommand } from './commands/reap';
import { renderCommand } from './commands/render';
import { secretsCommand } from './commands/secrets';
import { sleepCommand, wakeCommand } from './commands/sleep';
import { showCommand } from './commands/show';
import { synthCommand } from './commands/synth';
import { tagCommand } from './commands/tag';
import { UserError } from '../errors/user-error';
import { CommandGroup, groupedCommand, groupedCommandList } from './command-groups';
import { systemErrorAsUserError } from '../errors/system-error';
import { inputCheck } from './input-checks';
import { InterruptedError } from '../terraform/run-terraform';

/** Every command, grouped for `env --help`. */
const COMMAND_GROUPS: readonly CommandGroup[] = [
  { title: 'An env', commands: [planCommand, applyCommand, dropCommand, showCommand, imagesCommand, synthCommand] },
  { title: 'Operate an env', commands: [statusCommand, logsCommand, execCommand, graphCommand, secretsCommand, costCommand, sleepCommand, wakeCommand] },
  { title: 'Every env of a tier', commands: [listCommand, capacityCommand, reapCommand] },
  { title: "A tier's base", commands: [bootstrapCommand, baseCommand, driftCommand, dropBaseCommand] },
  { title: 'Build and CI', commands: [tagCommand, ciCommand, reviewCommand, commentCommand, renderCommand] },
];

const TOP_LEVEL_HELP = [
  'env <command> [options]',
  '',
  'Turns git branches into disposable AWS environments; see README.md. `env <command> --help` for one command.',
  '',
  groupedCommandList(COMMAND_GROUPS),
  '',
  'Short flags: -p plan, -a apply, -A apply without prompt, -s show, -d drop, -D drop without prompt,\n  -w logs --follow, -g graph.',
  'Every command takes --debug (stack traces of errors).',
].join('\n');

/** Short flags for people used to the old env.sh: `-A my-env` is `apply my-env --auto-approve`. */
const SHORT_FLAGS: Readonly<Record<string, readonly string[]>> = {
  '-p': ['plan'],
  '-a': ['apply'],
  '-A': ['apply', '--auto-approve'],
  '-s': ['show'],
  '-d': ['drop'],
  '-D': ['drop', '--yes'],
  '-w': ['logs', '--follow'],
  '-g': ['graph'],
};

/** Rewrites a leading short flag into its command, and `--out -` into `--out=-` (yargs reads a lone - as an argument). */
export function expandShortFlags(argv: readonly string[]): string[] {
  const short = argv.length > 0 ? SHORT_FLAGS[argv[0]] : undefined;
  const expanded = short ? [short[0], ...argv.slice(1), ...short.slice(1)] : [...argv];
  return expanded.flatMap((arg, i) => (arg === '-' && expanded[i - 1] === '--out' ? [] : arg === '--out' && expanded[i + 1] === '-' ? ['--out=-'] : [arg]));
}

export async function main(rawArgv: readonly string[]): Promise<number> {
  // The AWS SDK warns on every run under Node 20 about releases after January 2027 (README: prerequisites).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const argv = expandShortFlags(rawArgv);
  const debug = argv.includes('--debug');
  const withoutDebug = argv.filter((arg) => arg !== '--debug');
  if (withoutDebug.length === 1 && (withoutDebug[0] === '--help' || withoutDebug[0] === '-h')) {
    // Our own top-level help: yargs lists commands in one flat block and re-wraps free text.
    process.stdout.write(`${TOP_LEVEL_HELP}\n`);
    return 0;
  }
  try {
    await yargs([...argv])
      .scriptName('env')
      .usage('$0 <command> [options]; env --help lists the commands')
      .command(COMMAND_GROUPS.flatMap((group) => group.commands.map(groupedCommand)))
      .option('debug', { describe: 'Show stack traces of errors', type: 'boolean', default: false, global: true })
      // Flags without values, empty values, arguments after --: refused for every command (src/cli/input-checks.ts).
      .parserConfiguration({ 'populate--': true })
      .middleware(inputCheck(argv), true)
      .demandCommand(1, 'Name a command; see --help')
      .strict()
      .recommendCommands()
      .help()
      .alias('help', 'h')
      .version(false)
      .wrap(Math.min(110, process.stdout.columns ?? 110))
      .fail((message, error) => {
        throw error ?? new UserError(message.replace(/\s*\n\s*/g, ' '), 'run with --help for usage');
      })
      .parseAsync();
    // A command may set its own exit code (plan --detailed-exitcode: 2 for changes).
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(systemErrorAsUserError(error) ?? error, debug);
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof InterruptedError) {
    process.stderr.write(`env: ${error.message}\n`);
  } else if (error instanceof UserError) {
    process.stderr.write(`env: ${error.message}\n${error.hint ? `     ${error.hint}\n` : ''}`);
  } else if (error instanceof DefinitionError) {
    process.stderr.write(`env: ${error.message}\n`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`env: ${message.split('\n').slice(0, 2).join('\n')}\n`);
    if (!debug) process.stderr.write('     run again with --debug for the stack trace\n');
  }
  if (debug && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
