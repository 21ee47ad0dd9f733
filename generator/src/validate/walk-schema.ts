import { SCHEMA_MAP_KEYWORDS, SUBSCHEMA_KEYWORDS } from './keywords.js';

/** A subschema and the JSON pointer segments that lead to it. */
export interface SchemaNode {
  readonly schema: Record<string, unknown>;
  readonly at: readonly (string | number)[];
}

/**
 * Every schema object inside a schema (the root included), following only keywords that hold
 * subschemas, so data under `examples`, `enum` or `const` is never mistaken for a schema.
 * Iterative, so a deeply nested file cannot overflow the stack.
 */
export function walkSchema(root: unknown): SchemaNode[] {
  const out: SchemaNode[] = [];
  const stack: { node: unknown; at: (string | number)[] }[] = [{ node: root, at: [] }];
  while (stack.length > 0) {
    const { node, at } = stack.pop() as { node: unknown; at: (string | number)[] };
    if (node === null || typeof node !== 'object' || Array.isArray(node)) continue;
    const schema = node as Record<string, unknown>;
    out.push({ schema, at });
    for (const [key, value] of Object.entries(schema)) {
      if (SCHEMA_MAP_KEYWORDS.has(key) && value !== null && typeof value === 'object') {
        for (const [name, sub] of Object.entries(value)) stack.push({ node: sub, at: [...at, key, name] });
      } else if (SUBSCHEMA_KEYWORDS.has(key)) {
        if (Array.isArray(value)) value.forEach((sub, i) => stack.push({ node: sub, at: [...at, key, i] }));
        else stack.push({ node: value, at: [...at, key] });
      }
    }
  }
  return out.sort((a, b) => compareAt(a.at, b.at));
}

function compareAt(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const x = a.join('\u0000');
  const y = b.join('\u0000');
  return x < y ? -1 : x > y ? 1 : 0;
}
