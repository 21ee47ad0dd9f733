import type { ErrorIR, ProtocolIR } from '../ir/types.js';
import { makeChange, type Change } from './change.js';
import { errorText } from './compare-methods.js';

/**
 * What identifies an error to the party that receives it; descriptions and causes are
 * documentation. Advice appearing or disappearing is judged per method (`error-advice-added`,
 * `error-advice-removed`), so here only a different advice value counts.
 */
const COMPARED = [
  'kind',
  'message',
  'code',
  'status',
  'transportStatus',
  'body',
] as const satisfies readonly (keyof ErrorIR)[];

/** The error catalogue, by id: added, removed, and each compared field that changed. */
export function compareErrors(old: ProtocolIR, neu: ProtocolIR): Change[] {
  const before = new Map(old.errors.map((e) => [e.id, e]));
  const after = new Map(neu.errors.map((e) => [e.id, e]));
  const changes: Change[] = [];
  for (const e of neu.errors) {
    const subject = { kind: 'error', name: e.id } as const;
    const previous = before.get(e.id);
    if (previous === undefined) {
      changes.push(makeChange('error-added', subject, [], errorText(e)));
      continue;
    }
    for (const field of COMPARED) {
      if (previous[field] !== e[field])
        changes.push(
          makeChange('error-changed', subject, [field], `${field} ${show(previous[field])} → ${show(e[field])}`),
        );
    }
    if (previous.advice !== undefined && e.advice !== undefined && previous.advice !== e.advice) {
      changes.push(
        makeChange('error-changed', subject, ['advice'], `advice ${show(previous.advice)} → ${show(e.advice)}`),
      );
    }
  }
  for (const e of old.errors)
    if (!after.has(e.id)) changes.push(makeChange('error-removed', { kind: 'error', name: e.id }, [], errorText(e)));
  return changes;
}

function show(value: unknown): string {
  return value === undefined ? 'none' : JSON.stringify(value);
}
