/**
 * A Terraform state (format 4) built from a saved plan as if it had been applied: the plan's
 * planned values, with a placeholder for each value known only after apply (simulated ids,
 * `arn:aws:…:simulated/…` ARNs, 0, false, empty collections). A placeholder whose configuration
 * is an expression (`${aws_x.y.arn}`, `${jsonencode({…})}`) is listed as pending: evaluating it
 * against the state (terraform console) gives the value a later plan compares with.
 */
import { randomUUID } from 'node:crypto';
import { childNode, encodeForState, inferType, isMapNode, placeholderValue, SchemaBlock, SchemaNode } from './schema-values';

type Step = string | number;

interface PlannedResource {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly provider_name: string;
  readonly schema_version?: number;
  readonly values?: Record<string, unknown>;
  readonly sensitive_values?: unknown;
}

interface ConfiguredResource {
  readonly address: string;
  readonly expressions?: Record<string, unknown>;
}

/** The parts of `terraform show -json plan.bin` read here. */
export interface SimulatedPlan {
  readonly terraform_version: string;
  readonly planned_values: {
    readonly root_module: { readonly resources?: readonly PlannedResource[] };
    readonly outputs?: Record<string, { readonly sensitive: boolean; readonly value?: unknown; readonly type?: unknown }>;
  };
  readonly resource_changes?: readonly { readonly address: string; readonly change: { readonly after_unknown?: unknown } }[];
  readonly output_changes?: Record<string, { readonly after?: unknown; readonly after_unknown?: unknown }>;
  readonly prior_state?: { readonly values?: { readonly root_module?: { readonly resources?: readonly PlannedResource[] } } };
  readonly configuration?: {
    readonly root_module?: { readonly resources?: readonly ConfiguredResource[]; readonly outputs?: Record<string, { readonly expression?: unknown }> };
  };
}

/** Resource and data source schemas by provider source, then type (`terraform providers schema -json`). */
export interface ProviderSchemas {
  readonly [provider: string]: {
    readonly resource_schemas?: Record<string, { readonly block: SchemaBlock }>;
    readonly data_source_schemas?: Record<string, { readonly block: SchemaBlock }>;
  };
}

/** A placeholder to replace by the value of its expression (HCL), at `path` of a resource's values or an output. */
export interface PendingValue {
  /** `resource` address or `output.<name>`. */
  readonly target: string;
  readonly path: readonly Step[];
  readonly hcl: string;
}

export interface SimulatedResource extends PlannedResource {
  readonly values: Record<string, unknown>;
}

export interface Simulation {
  readonly resources: SimulatedResource[];
  /** `type` only where the plan knew the whole value. */
  readonly outputs: Record<string, { sensitive: boolean; value: unknown; type?: unknown }>;
  readonly pending: PendingValue[];
}

function schemaOf(schemas: ProviderSchemas, r: PlannedResource): SchemaNode {
  const provider = schemas[r.provider_name];
  const block = (r.mode === 'data' ? provider?.data_source_schemas : provider?.resource_schemas)?.[r.type]?.block;
  return block ? { kind: 'block', block } : { kind: 'unknown' };
}

/** The paths (under `path`) where the plan's `after_unknown` says `true`. */
export function unknownPaths(afterUnknown: unknown, path: Step[] = []): Step[][] {
  if (afterUnknown === true) return [path];
  if (Array.isArray(afterUnknown)) return afterUnknown.flatMap((u, i) => unknownPaths(u, [...path, i]));
  if (afterUnknown && typeof afterUnknown === 'object') return Object.entries(afterUnknown).flatMap(([k, u]) => unknownPaths(u, [...path, k]));
  return [];
}

/** Sets `value` at `path` of `root` (which must be an object), creating objects and arrays on the way. */
export function setAt(root: Record<string, unknown>, path: readonly Step[], value: unknown): void {
  let here: Record<string | number, unknown> = root;
  path.forEach((step, i) => {
    if (i === path.length - 1) {
      here[step] = value;
      return;
    }
    if (here[step] === null || typeof here[step] !== 'object') here[step] = typeof path[i + 1] === 'number' ? [] : {};
    here = here[step] as Record<string | number, unknown>;
  });
}

/** The end of the interpolation whose `${` is at `start`: the index of its closing brace, skipping strings and nested braces. */
function interpolationEnd(text: string, start: number): number {
  let depth = 0;
  let quoted = false;
  for (let i = start + 2; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/**
 * A template string of JSON syntax as an HCL quoted template: the literal parts escaped, the
 * interpolations as they are (`"${jsonencode({"a" = x})}"`); a string that is one interpolation
 * becomes its bare expression, keeping the value's type.
 */
export function templateToHcl(text: string): string {
  const parts: string[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('$${', i) || text.startsWith('%%{', i)) {
      literal += text.slice(i, i + 3);
      i += 2;
    } else if (text.startsWith('${', i)) {
      const end = interpolationEnd(text, i);
      if (end < 0) return JSON.stringify(text);
      if (i === 0 && end === text.length - 1) return `(${text.slice(2, end)})`;
      parts.push(JSON.stringify(literal).slice(1, -1), text.slice(i, end + 1));
      literal = '';
      i = end;
    } else literal += text[i];
  }
  return `"${parts.join('')}${JSON.stringify(literal).slice(1, -1)}"`;
}

/** A configuration value written as HCL: template strings stay templates, the rest literals. */
export function toHcl(value: unknown): string {
  if (typeof value === 'string') return templateToHcl(value);
  if (Array.isArray(value)) return `[${value.map(toHcl).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)} = ${toHcl(v)}`).join(', ')}}`;
  return JSON.stringify(value);
}

/**
 * The configuration expression at `path` of a resource's (or an output's) expressions, as HCL,
 * when it holds a reference (`${…}`); undefined for constants and paths without configuration.
 */
export function expressionAt(expressions: unknown, path: readonly Step[]): string | undefined {
  let here: unknown = expressions;
  let inValue = false;
  for (const step of path) {
    if (!inValue && here && typeof here === 'object' && !Array.isArray(here) && 'constant_value' in here) {
      here = (here as { constant_value: unknown }).constant_value;
      inValue = true;
    }
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<Step, unknown>)[step];
  }
  if (!inValue && here && typeof here === 'object' && !Array.isArray(here) && 'constant_value' in here) here = (here as { constant_value: unknown }).constant_value;
  if (here === undefined) return undefined;
  return JSON.stringify(here).includes('${') ? toHcl(here) : undefined;
}

/** Planned values with placeholders, and the placeholders an expression can settle (see PendingValue). */
export function simulateApply(plan: SimulatedPlan, schemas: ProviderSchemas, region: string): Simulation {
  const unknownOf = new Map((plan.resource_changes ?? []).map((c) => [c.address, c.change.after_unknown]));
  const config = new Map((plan.configuration?.root_module?.resources ?? []).map((r) => [r.address, r.expressions]));
  const pending: PendingValue[] = [];
  const managed = (plan.planned_values.root_module.resources ?? []).map((r): SimulatedResource => {
    const values = structuredClone(r.values ?? {});
    const schema = schemaOf(schemas, r);
    for (const path of unknownPaths(unknownOf.get(r.address))) {
      const node = path.reduce<SchemaNode>((n, step) => childNode(n, step), schema);
      const name = [...path].reverse().find((s): s is string => typeof s === 'string') ?? '';
      setAt(values, path, placeholderValue(node, { resourceType: r.type, region, seed: `${r.address}.${path.join('.')}`, name }));
      const hcl = expressionAt(config.get(r.address), path);
      if (hcl) pending.push({ target: r.address, path, hcl });
    }
    return { ...r, values };
  });
  // What a real apply keeps of the data sources: what the plan read.
  const data = (plan.prior_state?.values?.root_module?.resources ?? []).filter((r) => r.mode === 'data').map((r) => ({ ...r, values: r.values ?? {} }));
  const outputs: Simulation['outputs'] = {};
  for (const [name, planned] of Object.entries(plan.planned_values.outputs ?? {})) {
    // A partly unknown output has no planned value; its change has the known part.
    const holder: Record<string, unknown> = { value: structuredClone(planned.value ?? plan.output_changes?.[name]?.after ?? null) };
    const expression = plan.configuration?.root_module?.outputs?.[name]?.expression;
    for (const path of unknownPaths(plan.output_changes?.[name]?.after_unknown)) {
      const leaf = [...path].reverse().find((s): s is string => typeof s === 'string') ?? name;
      setAt(holder, ['value', ...path], placeholderValue({ kind: 'unknown' }, { resourceType: 'output', region, seed: `output.${name}.${path.join('.')}`, name: leaf }));
      const hcl = expressionAt(expression, path);
      if (hcl) pending.push({ target: `output.${name}`, path, hcl });
    }
    outputs[name] = { sensitive: planned.sensitive, value: holder.value, ...(planned.type !== undefined ? { type: planned.type } : {}) };
  }
  return { resources: [...managed, ...data], outputs, pending };
}

/** The simulation with each pending value set to what its expression evaluated to (same order as `pending`). */
export function settle(sim: Simulation, values: readonly unknown[]): Simulation {
  const resources = sim.resources.map((r) => ({ ...r, values: structuredClone(r.values) }));
  const outputs = structuredClone(sim.outputs);
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  sim.pending.forEach((p, i) => {
    if (p.target.startsWith('output.')) {
      const holder = outputs[p.target.slice('output.'.length)] as unknown as Record<string, unknown>;
      setAt(holder, ['value', ...p.path], values[i]);
    } else {
      const resource = byAddress.get(p.target);
      if (resource) setAt(resource.values, p.path, values[i]);
    }
  });
  return { resources, outputs, pending: sim.pending };
}

/** State paths (Terraform's step format) of the values the plan marks sensitive. */
export function sensitivePaths(marks: unknown, node: SchemaNode, path: unknown[] = []): unknown[][] {
  if (marks === true) return [path];
  if (Array.isArray(marks)) return marks.flatMap((m, i) => sensitivePaths(m, childNode(node, i), [...path, { type: 'index', value: { value: i, type: 'number' } }]));
  if (marks && typeof marks === 'object') {
    const map = isMapNode(node);
    return Object.entries(marks).flatMap(([k, m]) =>
      sensitivePaths(m, childNode(node, k), [...path, map ? { type: 'index', value: { value: k, type: 'string' } } : { type: 'get_attr', value: k }]),
    );
  }
  return [];
}

/** Where the state continues from: the prior state's lineage and serial, if there is one. */
export interface PriorState {
  readonly lineage: string;
  readonly serial: number;
}

/**
 * The state file: lineage of the prior state (a new one without), serial one above it;
 * terraform_data's `output` mirrors its `input`, as the real resource does.
 */
export function stateFile(sim: Simulation, schemas: ProviderSchemas, terraformVersion: string, prior?: PriorState): Record<string, unknown> {
  const resources = sim.resources.map((r) => {
    const schema = schemaOf(schemas, r);
    const values = r.type === 'terraform_data' && r.mode === 'managed' ? { ...r.values, output: r.values.input ?? null } : r.values;
    return {
      mode: r.mode,
      type: r.type,
      name: r.name,
      provider: `provider["${r.provider_name}"]`,
      instances: [{ schema_version: r.schema_version ?? 0, attributes: encodeForState(values, schema), sensitive_attributes: sensitivePaths(r.sensitive_values, schema) }],
    };
  });
  const outputs = Object.fromEntries(Object.entries(sim.outputs).map(([name, o]) => [name, { value: o.value, type: o.type ?? inferType(o.value), ...(o.sensitive ? { sensitive: true } : {}) }]));
  return {
    version: 4,
    terraform_version: terraformVersion,
    serial: prior ? prior.serial + 1 : 1,
    lineage: prior?.lineage ?? randomUUID(),
    outputs,
    resources,
    check_results: null,
  };
}
