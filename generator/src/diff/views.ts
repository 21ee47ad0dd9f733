import type { NamedSchema, ProtocolIR } from '../ir/types.js';
import { makeChange, type Change, type Subject } from './change.js';
import { compareSchemas, type Direction, type Finding } from './compare-schemas.js';
import type { ResolveRef } from './schema-shape.js';

function resolver(ir: ProtocolIR, view: 'typed' | 'wire'): ResolveRef {
  const byName = new Map(ir.schemas.map((s) => [s.name, s[view]]));
  return (name) => byName.get(name);
}

/**
 * Compares one named schema in both views and merges the findings: callers are judged on the
 * typed view (what they send and read), implementers on the wire view (what they accept and
 * send). A change seen in one view only leaves the other side `unaffected`. When both views see
 * the same change with different details, the detail names both.
 */
export function compareBothViews(
  old: { readonly ir: ProtocolIR; readonly schema: NamedSchema },
  neu: { readonly ir: ProtocolIR; readonly schema: NamedSchema },
  direction: Direction,
  subject: Subject,
  path: readonly string[],
): Change[] {
  const typed = compareSchemas(
    old.schema.typed,
    neu.schema.typed,
    direction,
    resolver(old.ir, 'typed'),
    resolver(neu.ir, 'typed'),
    path,
  );
  const wire = compareSchemas(
    old.schema.wire,
    neu.schema.wire,
    direction,
    resolver(old.ir, 'wire'),
    resolver(neu.ir, 'wire'),
    path,
  );
  const merged = new Map<string, { typed?: Finding; wire?: Finding }>();
  const keyOf = (f: Finding) => JSON.stringify([f.kind, f.path, f.aspect]);
  for (const f of typed) merged.set(keyOf(f), { ...merged.get(keyOf(f)), typed: f });
  for (const f of wire) merged.set(keyOf(f), { ...merged.get(keyOf(f)), wire: f });
  return [...merged.values()].map(({ typed: t, wire: w }) => {
    const first = (t ?? w) as Finding;
    const detail =
      t !== undefined && w !== undefined && t.detail !== w.detail ? `${t.detail} (wire: ${w.detail})` : first.detail;
    return makeChange(first.kind, subject, first.path, detail, { typed: t !== undefined, wire: w !== undefined });
  });
}
