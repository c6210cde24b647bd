/**
 * Evaluates a GitHub Actions `if:` the way the runner does, with GitHub's own expression library,
 * against a context the test describes (github, inputs, env, needs, steps, vars).
 */
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';

export type Context = Record<string, unknown>;

/** The job-status functions the runner adds; the earlier steps are taken to have succeeded. */
const STATUS: Readonly<Record<string, boolean>> = { success: true, always: true, cancelled: false, failure: false };
const statusFunctions = new Map(Object.entries(STATUS).map(([name, value]) => [name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value) }]));

export function evaluateIf(condition: string, context: Context): boolean {
  const source = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const lexed = new Lexer(source).lex();
  const expression = new Parser(lexed.tokens, Object.keys(context), [...statusFunctions.values()]).parse();
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  const result = new Evaluator(expression, dictionary, statusFunctions).evaluate();
  // GitHub's falsy values: false, 0, '', null.
  switch (result.kind) {
    case data.Kind.Null:
      return false;
    case data.Kind.Boolean:
    case data.Kind.Number:
      return result.coerceString() !== 'false' && result.coerceString() !== '0';
    case data.Kind.String:
      return result.coerceString() !== '';
    default:
      return true;
  }
}
