/** Message trimming of the task runner (src/lambda/task-runner/text.ts): readable lines, bounded size. */
import { fitMessage, payloadBytes, trimLine } from '../../src/lambda/task-runner/text';

describe('trimLine', () => {
  it('drops colour codes, control characters and trailing space, and cuts long lines with …', () => {
    expect(trimLine('\u001b[1;31mERROR\u001b[0m: boom\r  ')).toBe('ERROR: boom');
    expect(trimLine('a'.repeat(400))).toBe(`${'a'.repeat(299)}…`);
    expect(trimLine('é'.repeat(10), 5)).toBe('éééé…');
  });
});

describe('fitMessage', () => {
  it('keeps a short message whole', () => {
    expect(fitMessage('head', ['one', 'two'])).toBe('head\none\ntwo');
  });

  it('leaves out the oldest lines first and says how many, measuring JSON-escaped bytes', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `${i} "${'q"'.repeat(20)}"`);
    const text = fitMessage('head', lines, 400);
    expect(payloadBytes(text)).toBeLessThanOrEqual(400);
    expect(text.split('\n')[1]).toMatch(/^\(\d+ earlier lines left out\)$/);
    expect(text.endsWith(lines[9])).toBe(true);
  });

  it('cuts a head that alone is over budget, without breaking a character', () => {
    const text = fitMessage('€'.repeat(500), [], 100);
    expect(payloadBytes(text)).toBeLessThanOrEqual(100);
    expect(text).toMatch(/^€+…$/);
  });
});
