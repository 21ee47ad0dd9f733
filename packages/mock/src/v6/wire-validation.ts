/**
 * The generated v6 wire validators (`@centkit/validators/v6`), for the violations a strict mock
 * records: what the schema says about the params of a request the server refused. Imported only
 * by a strict mock, before it listens (ajv's compiled code is most of the package's start-up).
 */
import type { ValidationIssue } from '@centkit/validators/v6';
import { goDocumentView } from '../json/go-view.js';
import { paramsStructs, structs } from './gen/glue.gen.js';
import type { MethodName } from './protocol.js';

let validate: ((method: string, value: unknown) => readonly ValidationIssue[]) | undefined;

export async function loadWireValidationV6(): Promise<void> {
  if (validate !== undefined) return;
  const { validateWire } = await import('@centkit/validators/v6');
  validate = (method, value) => {
    const r = validateWire(method as never, 'params', value);
    return r.ok ? [] : r.errors;
  };
}

/**
 * What the wire schema says about `text` as `method`'s params, seen as the server reads it
 * (json/go-view.ts: keys as Go matches them); [] when it is not JSON, or the validators are not loaded.
 */
export function wireIssues(method: MethodName, text: string): readonly ValidationIssue[] {
  if (validate === undefined) return [];
  const view = goDocumentView(text, structs, paramsStructs[method]);
  return view === undefined ? [] : validate(method, view.value);
}
