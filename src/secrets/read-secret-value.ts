/**
 * Reads a secret's value from standard input, never from arguments: all of piped input, or typed at
 * a terminal without echo (raw mode; Ctrl-D ends, Ctrl-C gives up, Backspace deletes). One trailing
 * newline is stripped (the one `echo` or Enter adds), nothing else.
 */
import { UserError } from '../errors/user-error';
import { MAX_SECRET_BYTES } from './set-env-secret';

/** Standard input as this module uses it (process.stdin, or a stream in tests). */
export interface SecretInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

export interface ReadSecretOptions {
  readonly input: SecretInput;
  /** Where the terminal prompt goes (stderr). */
  readonly prompt: (text: string) => void;
}

/** The value for `name`; refuses an empty or oversized one. */
export async function readSecretValue(name: string, options: ReadSecretOptions): Promise<string> {
  const { input } = options;
  let text: string;
  if (input.isTTY) {
    options.prompt(`value for ${name} (end with Ctrl-D): `);
    text = typeof input.setRawMode === 'function' ? await readHidden(input, options.prompt) : await readAll(input);
  } else {
    text = await readAll(input);
  }
  const value = text.endsWith('\r\n') ? text.slice(0, -2) : text.endsWith('\n') ? text.slice(0, -1) : text;
  if (value.length === 0) throw new UserError(`no value for ${name}: standard input was empty`, `pipe the value in: printf %s "$VALUE" | env secrets set … ${name}`);
  if (Buffer.byteLength(value) > MAX_SECRET_BYTES) throw new UserError(`the value for ${name} is over ${MAX_SECRET_BYTES} bytes, Secrets Manager's limit`, 'store a smaller value');
  return value;
}

/** Everything until end of input, as UTF-8. */
async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Typed characters without echo until Ctrl-D; Enter is a newline, Backspace deletes, Ctrl-C refuses. */
function readHidden(input: SecretInput, prompt: (text: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (error?: Error) => {
      input.removeListener('data', onData);
      input.setRawMode?.(false);
      input.pause();
      prompt('\n');
      if (error) reject(error);
      else resolve(text);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\u0004') return finish();
        if (char === '\u0003') return finish(new UserError('interrupted: nothing was set'));
        if (char === '\u007f' || char === '\b') text = [...text].slice(0, -1).join('');
        else text += char === '\r' ? '\n' : char;
      }
    };
    input.setRawMode?.(true);
    input.on('data', onData);
    input.resume();
  });
}
