/**
 * One check for every command, run before yargs validates: a flag that takes a value must get one
 * (yargs turns `--tag` into "" and `--tier` into its default), no value is an empty string, and
 * nothing follows `--` (except for exec). main.ts installs it as a middleware.
 */
import type { Arguments } from 'yargs';
import { UserError } from '../errors/user-error';

/** The options a command declares, as yargs' getOptions() reports them. */
export interface DeclaredOptions {
  readonly key: Readonly<Record<string, unknown>>;
  readonly boolean: readonly string[];
  readonly count: readonly string[];
  /** Options the command requires (no leaving them out). */
  readonly demandedOptions?: Readonly<Record<string, unknown>>;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Flags of `tokens` (before `--`) that take a value but are given none: `--tag` at the end, `--tag --tier x`, `--tag=`. */
export function flagsWithoutValue(tokens: readonly string[], options: DeclaredOptions): string[] {
  const switches = new Set(options.boolean.concat(options.count).map(kebab));
  const valued = new Set(Object.keys(options.key).map(kebab).filter((name) => !switches.has(name)));
  const end = tokens.indexOf('--');
  const before = end < 0 ? tokens : tokens.slice(0, end);
  const missing: string[] = [];
  before.forEach((token, i) => {
    const match = /^--([^=]+)(=(.*))?$/.exec(token);
    if (!match || !valued.has(kebab(match[1]))) return;
    const next = before[i + 1];
    const empty = match[2] !== undefined ? match[3] === '' : next === undefined || next === '' || (next.startsWith('-') && !/^-\d/.test(next));
    if (empty) missing.push(`--${kebab(match[1])}`);
  });
  return [...new Set(missing)];
}

/** Keys of parsed arguments whose value is "" or holds an "" element (kebab-case, once each). */
export function emptyValues(argv: Readonly<Record<string, unknown>>): string[] {
  const empty = Object.entries(argv)
    .filter(([key]) => key !== '_' && key !== '$0' && key !== '--')
    .filter(([, value]) => value === '' || (Array.isArray(value) && value.some((v) => v === '')))
    .map(([key]) => kebab(key));
  return [...new Set(empty)];
}

/** Throws a UserError naming the first flag without a value, empty value, or argument after `--`. */
export function checkInput(tokens: readonly string[], argv: Readonly<Record<string, unknown>>, options: DeclaredOptions): void {
  const missing = flagsWithoutValue(tokens, options);
  if (missing.length > 0) {
    const optional = !(missing[0].slice(2) in (options.demandedOptions ?? {}));
    const hint = `give it one, e.g. ${missing[0]} <value>${optional ? ', or leave the flag out for its default' : ''}; see --help`;
    throw new UserError(`${missing.join(', ')} ${missing.length === 1 ? 'needs a value' : 'need values'}`, hint);
  }
  const given = (key: string) => tokens.some((t) => t === `--${key}` || t.startsWith(`--${key}=`));
  // Not given as a flag: a positional argument (`env plan ""`, which the command refuses in its own words),
  // or a default taken from the environment (BRANCHENV_FALLBACK_BRANCH="").
  const empty = emptyValues(argv).filter((key) => given(key) || !tokens.includes(''));
  if (empty.length > 0) {
    const named = empty.map((key) => (given(key) ? `--${key}` : `--${key} (its default)`));
    throw new UserError(`${named.join(', ')}: empty value`, 'give a value that is not empty, or leave it out; see --help');
  }
  const extra = argv['--'];
  // The one exception: `env exec ... -- <command...>` runs the arguments after -- in a container.
  const takesRest = Array.isArray(argv._) && argv._[0] === 'exec';
  if (Array.isArray(extra) && extra.length > 0 && !takesRest) {
    throw new UserError(`unexpected argument${extra.length === 1 ? '' : 's'} after --: ${extra.join(' ')}`, 'only env exec takes arguments after --; see --help');
  }
}

/**
 * The middleware main.ts installs (needs parserConfiguration `populate--`), over the expanded command line.
 * yargs calls it with (argv, yargs); the typings omit the second argument and getOptions.
 */
export function inputCheck(tokens: readonly string[]): (argv: Arguments, ...rest: unknown[]) => void {
  return (argv, ...rest) => checkInput(tokens, argv, (rest[0] as { getOptions(): DeclaredOptions }).getOptions());
}
