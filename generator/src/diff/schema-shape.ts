import type { JsonSchema } from '../ir/types.js';

/** Looks up a named schema (`#/definitions/<Name>`) in one view of one protocol. */
export type ResolveRef = (name: string) => JsonSchema | undefined;

export const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
export const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;
export type Bound = (typeof LOWER_BOUNDS)[number] | (typeof UPPER_BOUNDS)[number];

/**
 * What the diff compares of one schema node: the JSON types it allows, its enum (or const),
 * numeric and length bounds, pattern, object properties and required names, additional
 * properties, array items. Every other keyword (allOf, if/then/else, not, format, multipleOf,
 * uniqueItems, patternProperties, tuple items, an anyOf it cannot merge...) lands in `other`
 * and is only compared for equality: a difference there is a change of unknown impact.
 */
export interface Shape {
  /** `any` when the node does not restrict the type. */
  readonly types: ReadonlySet<string> | 'any';
  readonly enumValues: readonly unknown[] | undefined;
  readonly bounds: Readonly<Partial<Record<Bound, number>>>;
  readonly pattern: string | undefined;
  readonly properties: ReadonlyMap<string, JsonSchema>;
  readonly required: ReadonlySet<string>;
  /** `false`, a schema, or undefined (allowed, unconstrained). */
  readonly additional: JsonSchema | false | undefined;
  readonly items: JsonSchema | undefined;
  readonly other: Readonly<Record<string, unknown>>;
  /** Named types followed to reach this node (for labels and the recursion guard). */
  readonly refs: readonly string[];
}

/** Keywords that document and never change what is valid. */
export function isAnnotation(keyword: string): boolean {
  return keyword.startsWith('x-') || ANNOTATIONS.has(keyword);
}
const ANNOTATIONS = new Set([
  'description',
  'title',
  'examples',
  'default',
  '$comment',
  'readOnly',
  'writeOnly',
  '$schema',
  '$id',
]);
const MODELLED = new Set([
  'type',
  'enum',
  'const',
  'pattern',
  'properties',
  'required',
  'additionalProperties',
  'items',
  '$ref',
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
]);

export function shapeOf(node: unknown, resolve: ResolveRef): Shape {
  const refs: string[] = [];
  let schema = asSchema(node);
  for (let ref = schema['$ref']; typeof ref === 'string' && refs.length < 32; ref = schema['$ref']) {
    const name = ref.slice(ref.lastIndexOf('/') + 1);
    refs.push(name);
    schema = asSchema(resolve(name));
  }
  const union = schema['type'] === undefined ? (schema['anyOf'] ?? schema['oneOf']) : undefined;
  if (Array.isArray(union)) {
    const merged = mergeBranches(union.map((branch) => shapeOf(branch, resolve)));
    if (merged !== undefined) return { ...merged, refs: [...refs, ...merged.refs] };
  }
  return { ...readShape(schema), refs };
}

function readShape(schema: JsonSchema): Omit<Shape, 'refs'> {
  const type = schema['type'];
  const bounds: Partial<Record<Bound, number>> = {};
  for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS]) if (typeof schema[key] === 'number') bounds[key] = schema[key];
  const other: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!isAnnotation(key) && !MODELLED.has(key)) other[key] = value;
  }
  const items = schema['items'];
  if (Array.isArray(items)) other['items'] = items;
  const additional = schema['additionalProperties'];
  return {
    types: typeof type === 'string' ? new Set([type]) : Array.isArray(type) ? new Set(type.map(String)) : 'any',
    enumValues: Array.isArray(schema['enum']) ? schema['enum'] : 'const' in schema ? [schema['const']] : undefined,
    bounds,
    pattern: typeof schema['pattern'] === 'string' ? schema['pattern'] : undefined,
    properties: new Map(Object.entries((schema['properties'] ?? {}) as Record<string, JsonSchema>)),
    required: new Set(Array.isArray(schema['required']) ? schema['required'].map(String) : []),
    additional:
      additional === false ? false : additional === undefined || additional === true ? undefined : asSchema(additional),
    items: items === undefined || Array.isArray(items) ? undefined : asSchema(items),
    other,
  };
}

/**
 * An anyOf/oneOf whose branches are one object schema, one array schema and bare scalar types
 * (`{"type": "null"}`) reads as one node allowing the union of their types; anything more
 * complex is left to `other`.
 */
function mergeBranches(branches: readonly Shape[]): Shape | undefined {
  const types = new Set<string>();
  let object: Shape | undefined;
  let array: Shape | undefined;
  for (const b of branches) {
    if (b.types === 'any' || Object.keys(b.other).length > 0) return undefined;
    const structured = b.types.has('object') ? 'object' : b.types.has('array') ? 'array' : undefined;
    if (
      structured === undefined &&
      (b.enumValues !== undefined || b.pattern !== undefined || Object.keys(b.bounds).length > 0)
    )
      return undefined;
    if (structured === 'object') {
      if (object !== undefined) return undefined;
      object = b;
    } else if (structured === 'array') {
      if (array !== undefined) return undefined;
      array = b;
    }
    b.types.forEach((t) => types.add(t));
  }
  const base = object ?? array;
  return {
    types,
    enumValues: undefined,
    bounds: { ...array?.bounds, ...object?.bounds },
    pattern: undefined,
    properties: object?.properties ?? new Map(),
    required: object?.required ?? new Set(),
    additional: object?.additional,
    items: array?.items,
    other: {},
    refs: base?.refs ?? [],
  };
}

function asSchema(node: unknown): JsonSchema {
  if (node === false) return { not: {} };
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as JsonSchema) : {};
}

/** `string`, `string|null`, `Message`, `array of Message`, `any`. */
export function typeLabel(shape: Shape, resolve: ResolveRef, depth = 0): string {
  if (depth > 3) return '...';
  if (shape.refs.length > 0 && shape.types !== 'any' && !shape.types.has('null'))
    return shape.refs[shape.refs.length - 1] ?? '';
  if (shape.types === 'any')
    return shape.enumValues === undefined ? 'any' : shape.enumValues.map((v) => JSON.stringify(v)).join('|');
  const labels = [...shape.types].map((t) => {
    if (t === 'array' && shape.items !== undefined)
      return `array of ${typeLabel(shapeOf(shape.items, resolve), resolve, depth + 1)}`;
    if (t === 'object' && shape.refs.length > 0) return shape.refs[shape.refs.length - 1] ?? t;
    return t;
  });
  return labels.join('|');
}
