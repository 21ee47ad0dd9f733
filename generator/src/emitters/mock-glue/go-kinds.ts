/**
 * How a server written in Go decodes each field of a request: the JSON Schema type of a property
 * (wire view) mapped to the decoding kind a mock needs (`string`, `bool`, a sized integer, raw
 * JSON, `[]string`, `map[string]string`, a struct by name, a list of structs). Integer sizes come
 * from `x-go-type` when given, else from the bounds: [0, 2³²−1] uint32, [−2³¹, 2³¹−1] int32,
 * ≥ 0 uint64, unbounded int64. Protocol-neutral: it knows JSON Schema, not any server.
 */
import type { JsonSchema } from '../../ir/types.js';

export type GoKind = string | { readonly struct: string } | { readonly list: string };

const INT_KINDS = new Set(['int32', 'int64', 'uint32', 'uint64']);

/** The named struct a `$ref` points at (`#/definitions/<Name>`), when it is an object with properties. */
export type ResolveStruct = (ref: string) => string | undefined;

/** The kind of one property, or a reason it has none. */
export function goKindOf(p: JsonSchema, resolve: ResolveStruct): GoKind | { readonly problem: string } {
  const ref = p['$ref'];
  if (typeof ref === 'string') {
    const name = resolve(ref);
    return name === undefined ? { problem: `${ref} is not an object with properties` } : { struct: name };
  }
  const types = p['type'] === undefined ? [] : ([] as unknown[]).concat(p['type']).filter((t) => t !== 'null');
  if (types.length === 0) return 'raw';
  if (types.length > 1) return { problem: `several types (${types.join(', ')})` };
  switch (types[0]) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'integer':
      return integerKind(p);
    case 'array': {
      const items = (p['items'] ?? {}) as JsonSchema;
      const item = goKindOf(items, resolve);
      if (item === 'string') return 'strings';
      if (typeof item === 'object' && 'struct' in item) return { list: item.struct };
      return { problem: 'an array of neither strings nor objects' };
    }
    case 'object': {
      const values = p['additionalProperties'];
      if (
        p['properties'] === undefined &&
        typeof values === 'object' &&
        values !== null &&
        goKindOf(values as JsonSchema, resolve) === 'string'
      )
        return 'string-map';
      return { problem: 'an inline object (name it in its own file)' };
    }
    default:
      return { problem: `type ${String(types[0])}` };
  }
}

function integerKind(p: JsonSchema): GoKind | { readonly problem: string } {
  const annotated = p['x-go-type'];
  if (annotated !== undefined)
    return typeof annotated === 'string' && INT_KINDS.has(annotated)
      ? annotated
      : { problem: `x-go-type ${JSON.stringify(annotated)}` };
  const min = typeof p['minimum'] === 'number' ? p['minimum'] : undefined;
  const max = typeof p['maximum'] === 'number' ? p['maximum'] : undefined;
  if (min !== undefined && min >= 0 && max !== undefined && max <= 4294967295) return 'uint32';
  if (min !== undefined && min >= -2147483648 && max !== undefined && max <= 2147483647) return 'int32';
  if (min !== undefined && min >= 0) return 'uint64';
  return 'int64';
}
