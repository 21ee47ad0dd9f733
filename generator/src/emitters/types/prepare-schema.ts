import { SCHEMA_MAP_KEYWORDS, SUBSCHEMA_KEYWORDS } from '../../validate/keywords.js';
import type { JsonSchema } from '../../ir/types.js';

/** Keywords that say what type a schema is; a schema with none of them is "any JSON value". */
const SHAPE_KEYWORDS = [
  'type',
  '$ref',
  'enum',
  'const',
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  'required',
];

/**
 * A copy of a typed-view schema made ready for json-schema-to-typescript: a schema that
 * constrains nothing (only a description or examples) means any JSON value, so it is marked
 * `tsType: unknown` — json-schema-to-typescript would otherwise read it as an empty object.
 * A `$ref` with keywords beside it (a description) becomes `allOf: [{$ref}]`: its ref parser
 * copies such a node, and a second copy of one type in a schema would be named `Type1`.
 */
export function forTypeScript(schema: JsonSchema): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (SCHEMA_MAP_KEYWORDS.has(key) && value !== null && typeof value === 'object') {
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]));
      } else if (SUBSCHEMA_KEYWORDS.has(key)) {
        out[key] = Array.isArray(value) ? value.map(visit) : visit(value);
      } else out[key] = value;
    }
    if (!SHAPE_KEYWORDS.some((k) => k in out)) out['tsType'] = 'unknown';
    const { $ref, ...beside } = out;
    if (typeof $ref === 'string' && Object.keys(beside).length > 0) return { ...beside, allOf: [{ $ref }] };
    return out;
  };
  const prepared = visit(schema) as Record<string, unknown>;
  // A root that only points at another named type is an alias of it, not a copy of its shape.
  const { $ref, ...rest } = prepared;
  return typeof $ref === 'string' ? { ...rest, allOf: [{ $ref }] } : prepared;
}
