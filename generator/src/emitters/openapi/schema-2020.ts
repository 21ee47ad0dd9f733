import type { JsonSchema } from '../../ir/types.js';
import { SCHEMA_MAP_KEYWORDS, SUBSCHEMA_KEYWORDS } from '../../validate/keywords.js';

/** Where named schemas live in an OpenAPI document. */
export const COMPONENTS = '#/components/schemas/';

/**
 * A bundled draft-07 schema (refs `#/definitions/<Name>`) in the JSON Schema 2020-12 dialect of
 * OpenAPI 3.1: refs point into `components/schemas`, tuple `items` become `prefixItems` (and
 * `additionalItems` the rest's `items`), `dependencies` split into `dependentRequired` and
 * `dependentSchemas`. Everything else means the same in both drafts and is copied as is.
 */
export function toSchema2020(schema: JsonSchema): JsonSchema {
  const visit = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string')
        out[key] = value.startsWith('#/definitions/') ? `${COMPONENTS}${value.slice('#/definitions/'.length)}` : value;
      else if (key === 'items' && Array.isArray(value)) out['prefixItems'] = value.map(visit);
      else if (key === 'additionalItems') out['items'] = visit(value);
      else if (key === 'dependencies' && value !== null && typeof value === 'object')
        splitDependencies(value as Record<string, unknown>, out, visit);
      else if (SCHEMA_MAP_KEYWORDS.has(key) && value !== null && typeof value === 'object')
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]));
      else if (SUBSCHEMA_KEYWORDS.has(key)) out[key] = Array.isArray(value) ? value.map(visit) : visit(value);
      else out[key] = value;
    }
    return out;
  };
  return visit(schema) as JsonSchema;
}

function splitDependencies(
  dependencies: Record<string, unknown>,
  out: Record<string, unknown>,
  visit: (node: unknown) => unknown,
): void {
  const required = Object.entries(dependencies).filter(([, v]) => Array.isArray(v));
  const schemas = Object.entries(dependencies).filter(([, v]) => !Array.isArray(v));
  if (required.length > 0) out['dependentRequired'] = Object.fromEntries(required);
  if (schemas.length > 0) out['dependentSchemas'] = Object.fromEntries(schemas.map(([k, v]) => [k, visit(v)]));
}
