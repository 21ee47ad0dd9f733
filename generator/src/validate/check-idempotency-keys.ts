import type { SchemaSet } from '../load/load-schema-set.js';
import type { Manifest } from '../load/manifest.js';
import { IDEMPOTENCY_KEY_KEYWORD } from './keywords.js';
import type { Problem } from './problem.js';
import { walkSchema } from './walk-schema.js';

/**
 * `x-idempotency-key` is `true`, stands on a top-level property of a method's params (the field a
 * client fills before the first attempt), that property can be a string, and a method has at
 * most one. Anywhere else a client could not use it, so it is a mistake.
 */
export function checkIdempotencyKeys(set: SchemaSet, manifest: Manifest): Problem[] {
  const paramsFiles = new Set(manifest.methods.map((m) => m.params));
  const problems: Problem[] = [];
  for (const [file, schema] of set.files) {
    if (file === manifest.errors) continue;
    let marked: string | undefined;
    for (const { schema: node, at } of walkSchema(schema)) {
      const value = node[IDEMPOTENCY_KEY_KEYWORD];
      if (value === undefined) continue;
      const where = `${at.map((s) => `/${String(s)}`).join('')}/${IDEMPOTENCY_KEY_KEYWORD}`;
      const problem = (message: string) =>
        problems.push({ code: 'idempotency-key-invalid', file, path: where, message });
      if (value !== true) problem(`"${IDEMPOTENCY_KEY_KEYWORD}" must be true`);
      else if (!paramsFiles.has(file) || at.length !== 2 || at[0] !== 'properties') {
        problem(`"${IDEMPOTENCY_KEY_KEYWORD}" belongs on a top-level property of a method's params`);
      } else if (!allowsString(node)) problem(`the property marked "${IDEMPOTENCY_KEY_KEYWORD}" must allow a string`);
      else if (marked !== undefined) problem(`a method has one idempotency key; "${marked}" is already marked`);
      else marked = String(at[1]);
    }
  }
  return problems;
}

function allowsString(schema: Record<string, unknown>): boolean {
  const type = schema['type'];
  return type === 'string' || (Array.isArray(type) && type.includes('string'));
}
