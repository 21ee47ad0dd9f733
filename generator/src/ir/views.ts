import path from 'node:path';
import { SCHEMA_MAP_KEYWORDS, SUBSCHEMA_KEYWORDS, TYPED_VIEW_KEYWORD } from '../validate/keywords.js';
import { mergePatch } from './merge-patch.js';
import type { JsonSchema } from './types.js';

/** Maps a schema file path (relative to the schema directory) to its type name. */
export type TypeNameOf = (file: string) => string;

/**
 * The wire view of one file: a deep copy whose cross-file refs point into one bundle
 * (`#/definitions/<Name>`), with the file's own `$schema`/`$id`/`title` dropped (the bundle
 * names it) and every `x-typed` annotation left out.
 */
export function wireView(schema: unknown, file: string, nameOf: TypeNameOf): JsonSchema {
  return transform(schema, file, nameOf, false) as JsonSchema;
}

/** The typed view: like the wire view, with each `x-typed` merge patch applied where it stands. */
export function typedView(schema: unknown, file: string, nameOf: TypeNameOf): JsonSchema {
  return transform(schema, file, nameOf, true) as JsonSchema;
}

function transform(root: unknown, file: string, nameOf: TypeNameOf, typed: boolean): unknown {
  const visit = (node: unknown, isRoot: boolean): unknown => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
    let schema = node as Record<string, unknown>;
    if (typed && schema[TYPED_VIEW_KEYWORD] !== undefined)
      schema = mergePatch(schema, schema[TYPED_VIEW_KEYWORD]) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema)) {
      if (key === TYPED_VIEW_KEYWORD || (isRoot && (key === '$schema' || key === '$id' || key === 'title'))) continue;
      if (key === '$ref' && typeof value === 'string')
        out[key] = `#/definitions/${nameOf(path.posix.normalize(path.posix.join(path.posix.dirname(file), value)))}`;
      else if (SCHEMA_MAP_KEYWORDS.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
        out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, false)]));
      } else if (SUBSCHEMA_KEYWORDS.has(key)) {
        out[key] = Array.isArray(value) ? value.map((v) => visit(v, false)) : visit(value, false);
      } else out[key] = structuredClone(value);
    }
    return out;
  };
  return visit(root, true);
}
