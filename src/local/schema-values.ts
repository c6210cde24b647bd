/**
 * Values against a provider's resource schema (`terraform providers schema -json`): what an
 * attribute path holds, a placeholder that fits its type, and the state encoding of a value
 * (attributes of type `dynamic` are stored as `{ value, type }`).
 */
import { createHash } from 'node:crypto';

/** A cty type as the schema JSON writes it: `"string"`, `["list", "string"]`, `["object", {...}]`. */
export type CtyType = string | [string, unknown];

export interface SchemaAttribute {
  readonly type?: CtyType;
  readonly nested_type?: { readonly attributes: Record<string, SchemaAttribute>; readonly nesting_mode: string };
}

export interface SchemaBlock {
  readonly attributes?: Record<string, SchemaAttribute>;
  readonly block_types?: Record<string, { readonly nesting_mode: string; readonly block: SchemaBlock }>;
}

/** What a place in a value is, by the schema: a block, a repeated block or nested attribute, or a plain typed value. */
export type SchemaNode =
  | { readonly kind: 'block'; readonly block: SchemaBlock }
  | { readonly kind: 'blocks'; readonly nesting: string; readonly block: SchemaBlock }
  | { readonly kind: 'type'; readonly type: CtyType }
  | { readonly kind: 'unknown' };

const UNKNOWN: SchemaNode = { kind: 'unknown' };

function nestedAsBlock(attr: SchemaAttribute): SchemaBlock {
  return { attributes: attr.nested_type!.attributes };
}

/** The node one step (attribute name, map key or index) below `node`. */
export function childNode(node: SchemaNode, step: string | number): SchemaNode {
  if (node.kind === 'block') {
    const attr = typeof step === 'string' ? node.block.attributes?.[step] : undefined;
    if (attr?.type !== undefined) return { kind: 'type', type: attr.type };
    if (attr?.nested_type) {
      const mode = attr.nested_type.nesting_mode;
      return mode === 'single' ? { kind: 'block', block: nestedAsBlock(attr) } : { kind: 'blocks', nesting: mode, block: nestedAsBlock(attr) };
    }
    const blockType = typeof step === 'string' ? node.block.block_types?.[step] : undefined;
    if (!blockType) return UNKNOWN;
    return blockType.nesting_mode === 'single' || blockType.nesting_mode === 'group' ? { kind: 'block', block: blockType.block } : { kind: 'blocks', nesting: blockType.nesting_mode, block: blockType.block };
  }
  if (node.kind === 'blocks') return { kind: 'block', block: node.block };
  if (node.kind === 'type' && Array.isArray(node.type)) {
    const [kind, inner] = node.type;
    if (kind === 'list' || kind === 'set' || kind === 'map') return { kind: 'type', type: inner as CtyType };
    if (kind === 'object' && typeof step === 'string') {
      const attr = (inner as Record<string, CtyType>)[step];
      return attr === undefined ? UNKNOWN : { kind: 'type', type: attr };
    }
    if (kind === 'tuple' && typeof step === 'number') {
      const item = (inner as CtyType[])[step];
      return item === undefined ? UNKNOWN : { kind: 'type', type: item };
    }
  }
  if (node.kind === 'type' && node.type === 'dynamic') return node;
  return UNKNOWN;
}

/** Whether a string step below `node` is a map key (an index in state paths), not an attribute. */
export function isMapNode(node: SchemaNode): boolean {
  return (node.kind === 'type' && Array.isArray(node.type) && node.type[0] === 'map') || (node.kind === 'blocks' && node.nesting === 'map');
}

/** A short stable hash of where a placeholder goes: the same address and path give the same id. */
export function placeholderHash(seed: string): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, 12);
}

/** The AWS service of a resource type, for placeholder ARNs: `aws_ecs_service` → `ecs`. */
function serviceOf(resourceType: string): string {
  return resourceType.startsWith('aws_') ? resourceType.slice(4).split('_')[0] : 'simulated';
}

export interface PlaceholderContext {
  readonly resourceType: string;
  readonly region: string;
  /** Address and path of the value: what its hash is taken from. */
  readonly seed: string;
  /** The attribute name the value sits under (its last name step). */
  readonly name: string;
}

/**
 * A string in place of a value only AWS would know: an ARN for `arn`/`*_arn`/`*_arns`
 * attributes, `sim-<hash>` for ids (`id`, `*_id`, `*_ids`), else empty, as AWS leaves most
 * optional strings nobody set.
 */
function placeholderString(ctx: PlaceholderContext): string {
  const hash = placeholderHash(ctx.seed);
  if (ctx.name === 'arn' || ctx.name.endsWith('_arn') || ctx.name.endsWith('_arns')) return `arn:aws:${serviceOf(ctx.resourceType)}:${ctx.region}:000000000000:simulated/${hash}`;
  if (ctx.name === 'id' || ctx.name.endsWith('_id') || ctx.name.endsWith('_ids')) return `sim-${hash}`;
  return '';
}

/**
 * A value that satisfies the schema where the plan knew none: strings as placeholderString,
 * numbers 0, bools false, empty collections and repeated blocks, objects of placeholders; null
 * where the type is unknown (dynamic) or a single nested block.
 */
export function placeholderValue(node: SchemaNode, ctx: PlaceholderContext): unknown {
  if (node.kind === 'blocks') return node.nesting === 'map' ? {} : [];
  if (node.kind === 'block') return null;
  if (node.kind === 'unknown') return placeholderString(ctx);
  const type = node.type;
  if (type === 'string') return placeholderString(ctx);
  if (type === 'number') return 0;
  if (type === 'bool') return false;
  if (type === 'dynamic') return null;
  const [kind, inner] = type as [string, unknown];
  if (kind === 'list' || kind === 'set' || kind === 'tuple') return [];
  if (kind === 'map') return {};
  if (kind === 'object') {
    const attrs = inner as Record<string, CtyType>;
    return Object.fromEntries(Object.keys(attrs).map((k) => [k, placeholderValue({ kind: 'type', type: attrs[k] }, { ...ctx, seed: `${ctx.seed}.${k}`, name: k })]));
  }
  return null;
}

/** The cty type of a plain JSON value, as HCL would type the same literal (arrays are tuples). */
export function inferType(value: unknown): CtyType {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return ['tuple', value.map(inferType)];
  if (value !== null && typeof value === 'object') return ['object', Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inferType(v)]))];
  return 'dynamic';
}

/** `value` as Terraform's state stores it under `node`: every non-null dynamic value wrapped with its type. */
export function encodeForState(value: unknown, node: SchemaNode): unknown {
  if (value === null || value === undefined) return null;
  if (node.kind === 'type' && node.type === 'dynamic') return { value, type: inferType(value) };
  if (Array.isArray(value)) return value.map((item, i) => encodeForState(item, childNode(node, i)));
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, encodeForState(v, childNode(node, k))]));
  }
  return value;
}
