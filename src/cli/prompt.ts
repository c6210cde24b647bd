import * as readline from 'node:readline/promises';
import { UserError } from '../errors/user-error';

/** Asks for a typed "yes"; refuses in a non-interactive run, where nobody can answer. */
export async function confirm(question: string, skipFlag: string): Promise<boolean> {
  if (!process.stdin.isTTY) throw new UserError(`${question.replace(/\?$/, '')}: needs approval, and there is no terminal to ask`, `pass ${skipFlag} to go ahead without a prompt`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(`${question} Only "yes" goes ahead: `)).trim() === 'yes';
  } finally {
    rl.close();
  }
}
