/**
 * What the logs modules share: the query over one env's log group, the events they hand on, and the
 * errors a user can act on. Streams are named by the awslogs driver `<service>/<container>/<task-id>`
 * (stream prefix = service name, modules/service/container-definitions.ts).
 */
import { UserError } from '../errors/user-error';

/** Which events of which log group. */
export interface LogQuery {
  /** Log group name: `/branchenv/<tier>/<set>/<env>` (envNames(parts).logGroup.value). */
  readonly group: string;
  /** The group's ARN without `:*`; StartLiveTail takes only ARNs. */
  readonly groupArn: string;
  /** Only streams starting with this: `<service>/` or `<service>/<container>/`. @default every stream */
  readonly streamPrefix?: string;
  /** A CloudWatch Logs filter pattern (see filterPatternOf). @default every event */
  readonly filterPattern?: string;
}

/** One log event, from any of the ways of reading them. */
export interface LogEvent {
  /** Milliseconds since the epoch (the event's own timestamp). */
  readonly time: number;
  readonly stream: string;
  readonly message: string;
  /** FilterLogEvents' eventId; live tail events have none. */
  readonly id?: string;
}

/** Receives each event in order. */
export type LogSink = (event: LogEvent) => void;

/** The env's log group does not exist: the env was never applied (or was dropped). */
export class LogGroupMissingError extends UserError {
  constructor(readonly group: string) {
    super(`log group ${group} does not exist: the env has not been applied (or was dropped)`, 'apply it first: env apply <env> --set <set>');
    this.name = 'LogGroupMissingError';
  }
}

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>` (no `:*`, which StartLiveTail refuses). */
export function logGroupArn(accountId: string, region: string, group: string): string {
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:logs:${region}:${accountId}:log-group:${group}`;
}

/** `--service` / `--container` → the stream name prefix; a container alone names no stream prefix. */
export function streamPrefixOf(service?: string, container?: string): string | undefined {
  if (container !== undefined && service === undefined) {
    throw new UserError('--container needs --service: streams are named <service>/<container>/<task-id>', 'add --service <service>');
  }
  if (service === undefined) return undefined;
  return container === undefined ? `${service}/` : `${service}/${container}/`;
}

/**
 * `--filter text` → a filter pattern. Plain text matches as one exact, case-sensitive phrase (quoted,
 * so spaces and punctuation are literal); text that already is a pattern (starts with `"`, `{`, `[`,
 * `?` or `%`) is passed on as it is.
 */
export function filterPatternOf(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (/^["{[?%]/.test(text)) return text;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The SDK error's name (`ResourceNotFoundException`) or Node's code (`ENOTFOUND`). */
export function errorCode(error: unknown): string {
  const e = error as { name?: string; code?: string } | undefined;
  return (e?.code && typeof e.code === 'string' ? e.code : undefined) ?? e?.name ?? '';
}

/** Turns a missing group into LogGroupMissingError and refused credentials into a line saying so. */
export function logsError(error: unknown, query: LogQuery, action: string): unknown {
  const name = (error as { name?: string } | undefined)?.name ?? '';
  if (name === 'ResourceNotFoundException') return new LogGroupMissingError(query.group);
  if (name === 'AccessDeniedException' || name.includes('Credential') || name === 'UnrecognizedClientException' || name === 'ExpiredTokenException') {
    return new UserError(`no access to log group ${query.group} (${name} on ${action})`, 'check your AWS credentials and that they allow logs:FilterLogEvents on the group');
  }
  return error;
}
