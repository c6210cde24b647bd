/**
 * The invocation event Terraform's `aws_lambda_invocation` (lifecycle_scope = "CRUD") sends, and its
 * validation. Every check throws an Error that says what was wrong and what to change; nothing
 * reaches the database or Secrets Manager before the whole event is valid.
 */
import { nameProblem } from './identifiers';

/** What Terraform asks for: one env's database and owner role, and where its credentials go. */
export interface EnvDatabaseInput {
  /** Database name, e.g. `demo-feature-x`. */
  readonly database: string;
  /** Login role that owns the database. */
  readonly role: string;
  /** Secrets Manager secret that receives the role's credentials (created empty by Terraform). */
  readonly secretArn: string;
  /** The env owning both objects, e.g. `stage/demo/feature-x`; stored as a `branchenv:<owner>` comment. */
  readonly owner: string;
}

export type TerraformAction = 'create' | 'update' | 'delete';

export interface ProvisionEvent {
  readonly action: TerraformAction;
  readonly input: EnvDatabaseInput;
  /** The input of the previous apply (update and delete), or undefined. */
  readonly previous?: EnvDatabaseInput;
}

/** What the event is checked against. */
export interface EventRules {
  /** Secret names must start with this (e.g. `branchenv/stage/`), so no other secret can be overwritten. */
  readonly secretNamePrefix: string;
  /** The master user's name, reserved like `postgres`. */
  readonly masterUsername: string;
}

const ACTIONS: readonly TerraformAction[] = ['create', 'update', 'delete'];
const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:(.+)$/;
const OWNER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9/_.:-]{0,254}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(obj: Record<string, unknown>, key: string, where: string): string {
  const value = obj[key];
  if (typeof value !== 'string') throw new Error(`${where}.${key} must be a string, got ${JSON.stringify(value) ?? 'nothing'}`);
  return value;
}

/** The secret's name inside a Secrets Manager ARN (with the 6-character suffix Secrets Manager adds). */
export function secretNameOf(arn: string): string | undefined {
  return SECRET_ARN.exec(arn)?.[1];
}

/** Checks one input object (the event without `tf`, or `tf.prev_input`). */
export function parseInput(raw: unknown, rules: EventRules, where = 'event'): EnvDatabaseInput {
  if (!isObject(raw)) throw new Error(`${where} must be a JSON object with database, role, secretArn and owner`);
  const unknownKeys = Object.keys(raw).filter((k) => !['database', 'role', 'secretArn', 'owner', 'tf'].includes(k));
  if (unknownKeys.length > 0) throw new Error(`${where} has unknown fields ${unknownKeys.join(', ')}: send only database, role, secretArn and owner`);
  const input = {
    database: field(raw, 'database', where),
    role: field(raw, 'role', where),
    secretArn: field(raw, 'secretArn', where),
    owner: field(raw, 'owner', where),
  };
  for (const key of ['database', 'role'] as const) {
    const problem = nameProblem(`${where}.${key}`, input[key], rules.masterUsername);
    if (problem) throw new Error(problem);
  }
  const secretName = secretNameOf(input.secretArn);
  if (!secretName) {
    throw new Error(`${where}.secretArn ${JSON.stringify(input.secretArn)} is not a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>)`);
  }
  if (!secretName.startsWith(rules.secretNamePrefix)) {
    throw new Error(`${where}.secretArn names secret "${secretName}", outside "${rules.secretNamePrefix}": this function only writes secrets whose name starts with SECRET_NAME_PREFIX`);
  }
  if (!OWNER_PATTERN.test(input.owner)) {
    throw new Error(`${where}.owner ${JSON.stringify(input.owner)} must be 1-255 letters, digits and / _ . : - (e.g. stage/demo/feature-x)`);
  }
  // Only the owner's own credentials secret: never another env's, nor an env secret (…/secrets/NAME).
  const expected = `branchenv/${input.owner}/database`;
  if (secretName.replace(/-[A-Za-z0-9]{6}$/, '') !== expected) {
    throw new Error(`${where}.secretArn names secret "${secretName}", but the credentials of ${input.owner} live in "${expected}": pass that secret's ARN`);
  }
  return input;
}

/** Checks the whole event Terraform sends: the input plus `tf: { action, prev_input }`. */
export function parseEvent(raw: unknown, rules: EventRules): ProvisionEvent {
  if (!isObject(raw)) throw new Error('the event must be a JSON object: invoke this function through aws_lambda_invocation');
  const tf = raw.tf;
  if (!isObject(tf)) throw new Error('the event has no "tf" object: set lifecycle_scope = "CRUD" on the aws_lambda_invocation');
  const action = tf.action;
  if (typeof action !== 'string' || !ACTIONS.includes(action as TerraformAction)) {
    throw new Error(`tf.action ${JSON.stringify(action)} is not one of ${ACTIONS.join(', ')}`);
  }
  const input = parseInput(raw, rules);
  // A delete acts on the last applied input alone; its prev_input (the same) is not needed.
  const prev = action === 'delete' ? undefined : tf.prev_input;
  const previous = prev === null || prev === undefined ? undefined : parseInput(prev, rules, 'tf.prev_input');
  return { action: action as TerraformAction, input, previous };
}
