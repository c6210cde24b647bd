/**
 * The invocation event of the task runner, sent by Terraform's `aws_lambda_invocation` (default
 * lifecycle: invoked on create and replace only), and its validation. Every problem is named by its
 * field; nothing reaches ECS before the whole event is valid.
 */

export type CapacityProvider = 'FARGATE' | 'FARGATE_SPOT';

/** One run of a one-off command (a database migration) as an ECS task. */
export interface TaskRunnerEvent {
  /** ECS cluster name or ARN, e.g. `stage-main`. */
  readonly cluster: string;
  /** Task definition ARN with revision (or `family:revision`). */
  readonly taskDefinition: string;
  /** Container whose command is overridden and whose exit code decides the outcome. */
  readonly container: string;
  /** The command, exec form, e.g. `["npm", "run", "migrate"]`. */
  readonly command: readonly string[];
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  readonly capacityProvider: CapacityProvider;
  /** The container's awslogs group, e.g. `/branchenv/stage/demo/feature-x`. */
  readonly logGroup: string;
  /** The container's awslogs stream prefix: the stream is `<prefix>/<container>/<task id>`. */
  readonly logStreamPrefix: string;
  /** Longest wait for the task, in seconds (the Lambda's remaining time may cut it shorter). */
  readonly timeoutSeconds: number;
  /** What messages call the run, e.g. `demo-feature-x: api migrate`. */
  readonly label: string;
}

export const CAPACITY_PROVIDERS: readonly CapacityProvider[] = ['FARGATE', 'FARGATE_SPOT'];

const STRING_FIELDS = ['cluster', 'taskDefinition', 'container', 'logGroup', 'logStreamPrefix', 'label'] as const;
const LIST_FIELDS = ['command', 'subnets', 'securityGroups'] as const;
const KNOWN_FIELDS: readonly string[] = [...STRING_FIELDS, ...LIST_FIELDS, 'capacityProvider', 'timeoutSeconds'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Every problem of the event, each naming its field; empty when the event is valid. */
export function eventProblems(raw: unknown): string[] {
  if (!isObject(raw)) return [`the event must be a JSON object with ${KNOWN_FIELDS.join(', ')}; got ${shown(raw)}`];
  const problems: string[] = [];
  if ('tf' in raw) {
    problems.push('the event has a "tf" field: leave lifecycle_scope at its default (CREATE_ONLY) on the aws_lambda_invocation; this function runs the task on every invocation, a destroy included');
  }
  const unknown = Object.keys(raw).filter((key) => key !== 'tf' && !KNOWN_FIELDS.includes(key));
  if (unknown.length > 0) problems.push(`unknown fields ${unknown.join(', ')}: send only ${KNOWN_FIELDS.join(', ')}`);
  for (const key of STRING_FIELDS) {
    const value = raw[key];
    if (typeof value !== 'string' || value.trim() === '') problems.push(`${key} must be a non-empty string, got ${shown(value)}`);
  }
  for (const key of LIST_FIELDS) {
    const value = raw[key];
    if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string' && item !== '')) {
      problems.push(`${key} must be a non-empty list of non-empty strings, got ${shown(value)}`);
    }
  }
  const capacity = raw.capacityProvider;
  if (typeof capacity !== 'string' || !CAPACITY_PROVIDERS.includes(capacity as CapacityProvider)) {
    problems.push(`capacityProvider must be one of ${CAPACITY_PROVIDERS.join(', ')}, got ${shown(capacity)}`);
  }
  const timeout = raw.timeoutSeconds;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1) {
    problems.push(`timeoutSeconds must be a whole number of seconds, at least 1, got ${shown(timeout)}`);
  }
  return problems;
}

/** The event, checked: throws one Error listing every problem. */
export function parseEvent(raw: unknown): TaskRunnerEvent {
  const problems = eventProblems(raw);
  if (problems.length > 0) throw new Error(`invalid task-runner event: ${problems.join('; ')}`);
  return raw as unknown as TaskRunnerEvent;
}
