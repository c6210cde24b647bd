/**
 * How `env logs` prints an event: one line `<ISO time> <service>/<container> <message>`, the
 * service/container in a colour of its own on a terminal, or one NDJSON object per event.
 */
import type { LogEvent } from '../aws/logs';

/** The parts of an awslogs stream name `<service>/<container>/<task-id>`. */
export interface StreamParts {
  readonly service: string;
  readonly container: string;
  readonly task: string;
}

/** `web/app/0123abcd` → { service: web, container: app, task: 0123abcd }; a name of another shape is all service. */
export function streamParts(stream: string): StreamParts {
  const [service, container, ...task] = stream.split('/');
  if (container === undefined || task.length === 0) return { service: stream, container: '', task: '' };
  return { service, container, task: task.join('/') };
}

/** ANSI foreground colours: red, green, yellow, blue, magenta, cyan. */
export const LABEL_COLOURS = [31, 32, 33, 34, 35, 36] as const;

/** The colour of a name, the same on every run (FNV-1a of the name). */
export function colourOf(name: string): (typeof LABEL_COLOURS)[number] {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return LABEL_COLOURS[hash % LABEL_COLOURS.length];
}

/** Colour only on a terminal and only when NO_COLOR is unset (https://no-color.org). */
export function wantsColour(isTty: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTty === true && env.NO_COLOR === undefined;
}

/**
 * Control characters of a message made visible (`\n`, `\x1b`): one event stays one line, and a log
 * line cannot move the cursor or recolour the terminal. Tabs stay; a trailing newline goes.
 */
export function visibleText(text: string): string {
  return text.replace(/\r?\n$/, '').replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** One event as a text line (without the newline). */
export function formatLogLine(event: LogEvent, options: { readonly colour: boolean }): string {
  const { service, container } = streamParts(event.stream);
  const label = visibleText(container ? `${service}/${container}` : service);
  const shown = options.colour ? `\u001b[${colourOf(label)}m${label}\u001b[39m` : label;
  return `${new Date(event.time).toISOString()} ${shown} ${visibleText(event.message)}`;
}

/** One event as an NDJSON line (without the newline): `{time, service, container, task, message}`. */
export function formatLogJson(event: LogEvent): string {
  const { service, container, task } = streamParts(event.stream);
  return JSON.stringify({ time: new Date(event.time).toISOString(), service, container, task, message: event.message.replace(/\r?\n$/, '') });
}
