import type { JsonSchema } from '../ir/types.js';
import { SINCE_KEYWORD } from '../validate/keywords.js';
import { jsonEqual } from './canonical-json.js';
import { compareConstraints } from './compare-constraints.js';
import type { ChangeKind } from './rules.js';
import { shapeOf, typeLabel, type ResolveRef, type Shape } from './schema-shape.js';

/** `input`: what callers send (params, the command envelope); `output`: what implementers send (results, the reply envelope). */
export type Direction = 'input' | 'output';

/** A schema change found in one view, before the views are merged into `Change`s. */
export interface Finding {
  readonly kind: ChangeKind;
  readonly path: readonly string[];
  /** What was compared (`type`, `enum`, `minLength`, `required`...), so both views' findings can be matched. */
  readonly aspect: string;
  readonly detail: string;
}

/** The change kinds each direction reports, by what happened. */
export const KINDS = {
  input: {
    addedRequired: 'param-added-required',
    addedOptional: 'param-added-optional',
    removed: 'param-removed',
    becameRequired: 'param-became-required',
    becameOptional: 'param-became-optional',
    widened: 'param-widened',
    narrowed: 'param-narrowed',
    changed: 'param-changed',
  },
  output: {
    addedRequired: 'result-field-added-required',
    addedOptional: 'result-field-added-optional',
    removed: 'result-field-removed',
    becameRequired: 'result-field-became-required',
    becameOptional: 'result-field-became-optional',
    widened: 'result-widened',
    narrowed: 'result-narrowed',
    changed: 'result-changed',
  },
} as const satisfies Record<Direction, Record<string, ChangeKind>>;

export type KindSet = (typeof KINDS)[Direction];

interface Context {
  readonly kinds: KindSet;
  readonly resolveOld: ResolveRef;
  readonly resolveNew: ResolveRef;
  readonly out: Finding[];
}

/** Compares two schemas of one view field by field, recursing into properties, items, map values and named types. */
export function compareSchemas(
  oldSchema: JsonSchema,
  newSchema: JsonSchema,
  direction: Direction,
  resolveOld: ResolveRef,
  resolveNew: ResolveRef,
  path: readonly string[],
): Finding[] {
  const ctx: Context = { kinds: KINDS[direction], resolveOld, resolveNew, out: [] };
  walk(oldSchema, newSchema, path, ctx, new Set());
  return ctx.out;
}

function walk(a: unknown, b: unknown, path: readonly string[], ctx: Context, stack: ReadonlySet<string>): void {
  const old = shapeOf(a, ctx.resolveOld);
  const neu = shapeOf(b, ctx.resolveNew);
  const key = `${old.refs.join('>')}|${neu.refs.join('>')}`;
  if (key !== '|' && stack.has(key)) return; // a recursive type, already being compared above
  const inner = key === '|' ? stack : new Set([...stack, key]);

  for (const f of compareConstraints(old, neu))
    ctx.out.push({ kind: ctx.kinds[f.direction], path, aspect: f.aspect, detail: f.detail });
  for (const keyword of [...new Set([...Object.keys(old.other), ...Object.keys(neu.other)])].sort()) {
    if (!jsonEqual(old.other[keyword], neu.other[keyword]))
      ctx.out.push({
        kind: ctx.kinds.changed,
        path,
        aspect: keyword,
        detail: `\`${keyword}\` changed (not modelled: judge it by hand)`,
      });
  }
  compareProperties(old, neu, path, ctx, inner);
  compareAdditional(old, neu, path, ctx, inner);
  if (old.items !== undefined || neu.items !== undefined)
    walk(old.items ?? {}, neu.items ?? {}, [...path, '[]'], ctx, inner);
}

function compareProperties(
  old: Shape,
  neu: Shape,
  path: readonly string[],
  ctx: Context,
  stack: ReadonlySet<string>,
): void {
  const names = new Set([...old.properties.keys(), ...old.required, ...neu.properties.keys(), ...neu.required]);
  for (const name of [...names].sort()) {
    const inOld = old.properties.has(name) || old.required.has(name);
    const inNew = neu.properties.has(name) || neu.required.has(name);
    const at = [...path, name];
    if (!inOld) {
      const schema = neu.properties.get(name) ?? {};
      const since = typeof schema[SINCE_KEYWORD] === 'string' ? `, since ${schema[SINCE_KEYWORD]}` : '';
      const kind = neu.required.has(name) ? ctx.kinds.addedRequired : ctx.kinds.addedOptional;
      ctx.out.push({
        kind,
        path: at,
        aspect: 'presence',
        detail: `${typeLabel(shapeOf(schema, ctx.resolveNew), ctx.resolveNew)}${since}`,
      });
      continue;
    }
    if (!inNew) {
      ctx.out.push({
        kind: ctx.kinds.removed,
        path: at,
        aspect: 'presence',
        detail: typeLabel(shapeOf(old.properties.get(name) ?? {}, ctx.resolveOld), ctx.resolveOld),
      });
      continue;
    }
    if (old.required.has(name) !== neu.required.has(name)) {
      const kind = neu.required.has(name) ? ctx.kinds.becameRequired : ctx.kinds.becameOptional;
      ctx.out.push({
        kind,
        path: at,
        aspect: 'required',
        detail: neu.required.has(name) ? 'now required' : 'now optional',
      });
    }
    walk(old.properties.get(name) ?? {}, neu.properties.get(name) ?? {}, at, ctx, stack);
  }
}

function compareAdditional(
  old: Shape,
  neu: Shape,
  path: readonly string[],
  ctx: Context,
  stack: ReadonlySet<string>,
): void {
  if (old.additional === false && neu.additional !== false) {
    ctx.out.push({
      kind: ctx.kinds.widened,
      path,
      aspect: 'additionalProperties',
      detail: 'other properties now allowed',
    });
  } else if (old.additional !== false && neu.additional === false) {
    ctx.out.push({
      kind: ctx.kinds.narrowed,
      path,
      aspect: 'additionalProperties',
      detail: 'other properties no longer allowed',
    });
  } else if (
    old.additional !== false &&
    neu.additional !== false &&
    (old.additional !== undefined || neu.additional !== undefined)
  ) {
    walk(old.additional ?? {}, neu.additional ?? {}, [...path, '{}'], ctx, stack);
  }
}
