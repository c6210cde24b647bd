/** The value of `env secrets set`: from standard input only, one trailing newline stripped, hidden at a terminal. */
import { PassThrough, Readable } from 'node:stream';
import { readSecretValue, SecretInput } from '../../src/secrets/read-secret-value';

const piped = (text: string): SecretInput => Readable.from([Buffer.from(text)]);

describe('readSecretValue', () => {
  const prompts: string[] = [];
  const options = (input: SecretInput) => ({ input, prompt: (t: string) => prompts.push(t) });
  beforeEach(() => (prompts.length = 0));

  it('reads piped input whole and strips one trailing newline only', async () => {
    await expect(readSecretValue('A', options(piped('v1')))).resolves.toBe('v1');
    await expect(readSecretValue('A', options(piped('v1\n')))).resolves.toBe('v1');
    await expect(readSecretValue('A', options(piped('v1\r\n')))).resolves.toBe('v1');
    await expect(readSecretValue('A', options(piped('line1\nline2\n\n')))).resolves.toBe('line1\nline2\n');
    await expect(readSecretValue('A', options(piped(' spaced ')))).resolves.toBe(' spaced ');
    expect(prompts).toEqual([]);
  });

  it('refuses an empty value, saying to pipe it', async () => {
    await expect(readSecretValue('A', options(piped('')))).rejects.toMatchObject({ message: 'no value for A: standard input was empty', hint: expect.stringContaining('printf %s') });
    await expect(readSecretValue('A', options(piped('\n')))).rejects.toThrow(/empty/);
  });

  it('refuses a value over Secrets Manager`s 64 KiB without quoting it', async () => {
    const error = (await readSecretValue('A', options(piped('x'.repeat(65_537)))).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/over 65536 bytes/);
    expect(error.message).not.toContain('xxx');
  });

  it('at a terminal: prompts on the prompt stream, reads in raw mode without echo until Ctrl-D', async () => {
    const raw: boolean[] = [];
    const tty = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (mode: boolean) => raw.push(mode) });
    const value = readSecretValue('API_KEY', options(tty));
    tty.write('hunq');
    tty.write('\u007fter2\r');
    tty.write('\u0004');
    await expect(value).resolves.toBe('hunter2');
    expect(raw).toEqual([true, false]);
    expect(prompts.join('')).toBe('value for API_KEY (end with Ctrl-D): \n');
  });

  it('at a terminal: Ctrl-C sets nothing', async () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => undefined });
    const value = readSecretValue('API_KEY', options(tty));
    tty.write('abc\u0003');
    await expect(value).rejects.toThrow('interrupted: nothing was set');
  });
});
