import { canonicalJson } from './canonical-json.js';
import { LOWER_BOUNDS, UPPER_BOUNDS, type Bound, type Shape } from './schema-shape.js';

/** Whether the set of valid values grew, shrank, or changed in a way not modelled. */
export interface ConstraintChange {
  readonly direction: 'widened' | 'narrowed' | 'changed';
  readonly aspect: string;
  readonly detail: string;
}

/**
 * Compares the value constraints of one node: JSON types (with `integer` inside `number`, and
 * `null` like any other type), enum/const values, lower and upper bounds, pattern.
 */
export function compareConstraints(old: Shape, neu: Shape): ConstraintChange[] {
  return [
    ...compareTypes(old, neu),
    ...compareEnums(old, neu),
    ...compareBounds(old, neu),
    ...comparePatterns(old, neu),
  ];
}

function covers(types: Shape['types'], type: string): boolean {
  return types === 'any' || types.has(type) || (type === 'integer' && types.has('number'));
}

function typesText(types: Shape['types']): string {
  return types === 'any' ? 'any' : [...types].join('|');
}

function compareTypes(old: Shape, neu: Shape): ConstraintChange[] {
  const added =
    neu.types === 'any'
      ? old.types === 'any'
        ? []
        : ['any type']
      : [...neu.types].filter((t) => !covers(old.types, t));
  const removed =
    old.types === 'any'
      ? neu.types === 'any'
        ? []
        : ['any other type']
      : [...old.types].filter((t) => !covers(neu.types, t));
  const change = `type ${typesText(old.types)} → ${typesText(neu.types)}`;
  const out: ConstraintChange[] = [];
  if (added.length > 0)
    out.push({ direction: 'widened', aspect: 'type', detail: `${change}: now allows ${added.join(', ')}` });
  if (removed.length > 0)
    out.push({ direction: 'narrowed', aspect: 'type', detail: `${change}: no longer allows ${removed.join(', ')}` });
  return out;
}

function compareEnums(old: Shape, neu: Shape): ConstraintChange[] {
  const list = (values: readonly unknown[]) => values.map(canonicalJson);
  if (old.enumValues === undefined && neu.enumValues === undefined) return [];
  if (old.enumValues === undefined)
    return [{ direction: 'narrowed', aspect: 'enum', detail: `now one of ${list(neu.enumValues ?? []).join(', ')}` }];
  if (neu.enumValues === undefined)
    return [
      { direction: 'widened', aspect: 'enum', detail: `no longer limited to ${list(old.enumValues).join(', ')}` },
    ];
  const before = new Set(list(old.enumValues));
  const after = new Set(list(neu.enumValues));
  const added = [...after].filter((v) => !before.has(v));
  const removed = [...before].filter((v) => !after.has(v));
  const out: ConstraintChange[] = [];
  if (added.length > 0)
    out.push({ direction: 'widened', aspect: 'enum', detail: `enum also allows ${added.join(', ')}` });
  if (removed.length > 0)
    out.push({ direction: 'narrowed', aspect: 'enum', detail: `enum no longer allows ${removed.join(', ')}` });
  return out;
}

function compareBounds(old: Shape, neu: Shape): ConstraintChange[] {
  const out: ConstraintChange[] = [];
  const check = (key: Bound, lower: boolean) => {
    const a = old.bounds[key];
    const b = neu.bounds[key];
    if (a === b) return;
    // No bound is the loosest bound: -infinity for a lower one, +infinity for an upper one.
    const looser = a === undefined ? false : b === undefined ? true : lower ? b < a : b > a;
    out.push({
      direction: looser ? 'widened' : 'narrowed',
      aspect: key,
      detail: `${key} ${a ?? 'none'} → ${b ?? 'none'}`,
    });
  };
  LOWER_BOUNDS.forEach((key) => check(key, true));
  UPPER_BOUNDS.forEach((key) => check(key, false));
  return out;
}

function comparePatterns(old: Shape, neu: Shape): ConstraintChange[] {
  if (old.pattern === neu.pattern) return [];
  const detail = `pattern ${old.pattern ?? 'none'} → ${neu.pattern ?? 'none'}`;
  if (old.pattern === undefined) return [{ direction: 'narrowed', aspect: 'pattern', detail }];
  if (neu.pattern === undefined) return [{ direction: 'widened', aspect: 'pattern', detail }];
  return [{ direction: 'changed', aspect: 'pattern', detail }];
}
