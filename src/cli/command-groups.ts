/**
 * The env script's commands in groups, so `env --help` stays readable as the CLI grows: yargs lists
 * commands in one flat block, so main.ts registers them hidden and prints this grouped list instead.
 * Each command's own `--help` still starts with its description.
 */
import type { Argv, CommandModule } from 'yargs';

export interface CommandGroup {
  readonly title: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- modules of different argument types
  readonly commands: readonly CommandModule<any, any>[];
}

function commandName(command: CommandModule<unknown, unknown>): string {
  const spec = Array.isArray(command.command) ? command.command[0] : command.command;
  return String(spec ?? '').split(' ')[0];
}

/** The grouped list of commands: a title per group, then `name  description` lines. */
export function groupedCommandList(groups: readonly CommandGroup[]): string {
  const width = Math.max(...groups.flatMap((g) => g.commands.map((c) => commandName(c).length)));
  return groups
    .map((group) => [`${group.title}:`, ...group.commands.map((c) => `  ${commandName(c).padEnd(width)}  ${String(c.describe ?? '')}`)].join('\n'))
    .join('\n\n');
}

/** The command as main.ts registers it: hidden from yargs' flat list, its description kept in its own help. */
export function groupedCommand<T, U>(command: CommandModule<T, U>): CommandModule<T, U> {
  const spec = Array.isArray(command.command) ? command.command[0] : command.command;
  const builder = command.builder;
  return {
    ...command,
    describe: false,
    builder: (yargs: Argv<T>) => {
      const withUsage = yargs.usage(`$0 ${String(spec)}\n\n${String(command.describe ?? '')}`);
      if (typeof builder === 'function') return builder(withUsage) as Argv<U>;
      return (builder ? withUsage.options(builder) : withUsage) as unknown as Argv<U>;
    },
  };
}
