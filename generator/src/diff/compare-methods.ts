import type { MethodIR, ProtocolIR } from '../ir/types.js';
import { makeChange, type Change, type Subject } from './change.js';
import { compareBothViews } from './views.js';

/**
 * Methods: added, removed, effect, params (input), result (output), the errors each may answer
 * and the advice those carry. A method added or removed is one change: its params, errors and
 * transports are part of it and not listed again.
 */
export function compareMethods(old: ProtocolIR, neu: ProtocolIR): Change[] {
  const before = new Map(old.methods.map((m) => [m.name, m]));
  const after = new Map(neu.methods.map((m) => [m.name, m]));
  const changes: Change[] = [];
  for (const m of neu.methods) {
    const subject: Subject = { kind: 'method', name: m.name };
    const previous = before.get(m.name);
    if (previous === undefined)
      changes.push(
        makeChange('method-added', subject, [], `${m.effect}, since ${m.since}, transports ${m.transports.join(', ')}`),
      );
    else changes.push(...compareMethod(old, previous, neu, m, subject));
  }
  for (const m of old.methods) {
    if (!after.has(m.name))
      changes.push(makeChange('method-removed', { kind: 'method', name: m.name }, [], `${m.effect}, since ${m.since}`));
  }
  return changes;
}

function compareMethod(oldIr: ProtocolIR, old: MethodIR, neuIr: ProtocolIR, neu: MethodIR, subject: Subject): Change[] {
  const changes: Change[] = [];
  if (old.effect !== neu.effect)
    changes.push(
      makeChange(
        neu.effect === 'read' ? 'method-became-read' : 'method-became-write',
        subject,
        [],
        `effect ${old.effect} → ${neu.effect}`,
      ),
    );
  changes.push(
    ...compareBothViews({ ir: oldIr, schema: old.params }, { ir: neuIr, schema: neu.params }, 'input', subject, [
      'params',
    ]),
  );
  changes.push(
    ...compareBothViews({ ir: oldIr, schema: old.result }, { ir: neuIr, schema: neu.result }, 'output', subject, [
      'result',
    ]),
  );

  const errorsBefore = new Set(old.errors.map((e) => e.id));
  const errorsAfter = new Set(neu.errors.map((e) => e.id));
  for (const e of neu.errors)
    if (!errorsBefore.has(e.id))
      changes.push(makeChange('method-error-added', subject, ['errors', e.id], errorText(e)));
  for (const e of old.errors)
    if (!errorsAfter.has(e.id))
      changes.push(makeChange('method-error-removed', subject, ['errors', e.id], errorText(e)));

  const adviceBefore = adviceOf(oldIr, old.name);
  const adviceAfter = adviceOf(neuIr, neu.name);
  for (const [id, advice] of adviceAfter)
    if (!adviceBefore.has(id))
      changes.push(makeChange('error-advice-added', subject, ['errors', id], `advice ${advice}`));
  for (const [id, advice] of adviceBefore)
    if (!adviceAfter.has(id))
      changes.push(makeChange('error-advice-removed', subject, ['errors', id], `advice ${advice}`));
  return changes;
}

/** Errors of the catalogue whose advice this method's replies carry, with the advice. */
function adviceOf(ir: ProtocolIR, method: string): Map<string, string> {
  return new Map(
    ir.errors
      .filter((e) => e.advice !== undefined && e.adviceMethods.includes(method))
      .map((e) => [e.id, e.advice as string]),
  );
}

export function errorText(e: {
  readonly kind: string;
  readonly message: string | undefined;
  readonly status: number | undefined;
}): string {
  if (e.status !== undefined) return `${e.kind}, HTTP ${e.status}`;
  return e.message === undefined ? e.kind : `${e.kind}, "${e.message}"`;
}
