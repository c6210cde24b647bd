/**
 * Keeping error messages readable and small: Terraform prints the Lambda's error payload, and a
 * payload of kilobytes of log output buries the one line that matters.
 */

/** Longest log line kept in a message, in characters; longer ones end with `…`. */
export const MAX_LINE_CHARS = 300;
/**
 * Budget of a whole error message, in bytes as Terraform prints it: JSON-escaped inside the Lambda's
 * error payload (`\n` and `\"` take two bytes). Under 4 KB, with room for the JSON around it.
 */
export const MAX_MESSAGE_BYTES = 3800;

// ANSI colour and cursor sequences: migration tools colour their output.
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Size of `text` once JSON-escaped, as it shows in the error payload. */
export function payloadBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), 'utf8') - 2;
}

/** `text` cut to at most `max` UTF-8 bytes, without a half character at the end. */
function cutBytes(text: string, max: number): string {
  return Buffer.from(text, 'utf8').subarray(0, Math.max(0, max)).toString('utf8').replace(/\uFFFD$/, '');
}

/** One line without colour codes, control characters or trailing space, at most `max` characters. */
export function trimLine(line: string, max = MAX_LINE_CHARS): string {
  const clean = line.replace(ANSI, '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/\s+$/, '').replace(/\t/g, '  ');
  const chars = Array.from(clean);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : clean;
}

/** The last ID part of an ARN (`…/stage-main/0123abcd` → `0123abcd`); an id stays as it is. */
export function lastPart(arnOrId: string): string {
  return arnOrId.slice(arnOrId.lastIndexOf('/') + 1);
}

/** An error's name and message on one short line, for messages about failed AWS calls. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return trimLine(`${error.name}: ${error.message}`, 500);
  return trimLine(String(error), 500);
}

/**
 * `head`, then `tail` lines, within `maxBytes`: the oldest tail lines go first (with a note saying how
 * many), then the head is cut. The newest lines, nearest the failure, stay longest.
 */
export function fitMessage(head: string, tail: readonly string[], maxBytes = MAX_MESSAGE_BYTES): string {
  let kept = [...tail];
  let omitted = 0;
  const render = () => [head, ...(omitted > 0 ? [`(${omitted} earlier lines left out)`] : []), ...kept].join('\n');
  while (kept.length > 0 && payloadBytes(render()) > maxBytes) {
    kept = kept.slice(1);
    omitted += 1;
  }
  let text = render();
  // A head alone over budget: cut by the overshoot (escaping only adds bytes) until it fits.
  while (payloadBytes(text) > maxBytes) text = `${cutBytes(text, Buffer.byteLength(text, 'utf8') - (payloadBytes(text) - maxBytes) - 3)}…`;
  return text;
}
