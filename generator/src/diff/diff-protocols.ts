import type { ProtocolIR } from '../ir/types.js';
import { compareChanges, makeChange, type Change } from './change.js';
import { compareErrors } from './compare-errors.js';
import { compareMethods } from './compare-methods.js';
import { compareTransports } from './compare-transports.js';
import { suggestBump, type BumpSuggestion } from './semver.js';
import { compareBothViews } from './views.js';

export interface ProtocolIdentity {
  readonly name: string;
  readonly version: string;
  readonly source: string;
}

/** Every classified change from `old` to `new`, in a stable order, and the suggested version bump. */
export interface ProtocolDiff {
  readonly old: ProtocolIdentity;
  readonly new: ProtocolIdentity;
  readonly changes: readonly Change[];
  readonly bump: BumpSuggestion;
}

/**
 * Classifies every change between two protocols (both as IR, so any protocol definition works):
 * the envelopes (the command as an input, the reply as an output), each method, the error
 * catalogue, the transports and the shared named types. Pure; neither IR is changed.
 */
export function diffProtocols(old: ProtocolIR, neu: ProtocolIR): ProtocolDiff {
  const changes: Change[] = [
    ...compareBothViews(
      { ir: old, schema: old.envelopes.command },
      { ir: neu, schema: neu.envelopes.command },
      'input',
      { kind: 'envelope', name: 'command' },
      [],
    ),
    ...compareBothViews(
      { ir: old, schema: old.envelopes.reply },
      { ir: neu, schema: neu.envelopes.reply },
      'output',
      { kind: 'envelope', name: 'reply' },
      [],
    ),
    ...compareMethods(old, neu),
    ...compareErrors(old, neu),
    ...compareTransports(old, neu),
    ...compareTypes(old, neu),
  ].sort(compareChanges);
  return { old: identity(old), new: identity(neu), changes, bump: suggestBump(changes) };
}

/** Shared types are compared where methods use them; here only whether each still exists (code may import it by name). */
function compareTypes(old: ProtocolIR, neu: ProtocolIR): Change[] {
  const before = new Set(old.types.map((t) => t.name));
  const after = new Set(neu.types.map((t) => t.name));
  return [
    ...neu.types
      .filter((t) => !before.has(t.name))
      .map((t) => makeChange('type-added', { kind: 'type', name: t.name }, [], t.file)),
    ...old.types
      .filter((t) => !after.has(t.name))
      .map((t) => makeChange('type-removed', { kind: 'type', name: t.name }, [], t.file)),
  ];
}

function identity(ir: ProtocolIR): ProtocolIdentity {
  return { name: ir.name, version: ir.version, source: ir.source };
}
