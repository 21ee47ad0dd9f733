/**
 * The generated v6 wire validators (`@centkit/validators/v6`), for the violations a strict mock
 * records: what the schema says about the params of a request the server refused. Imported only
 * by a strict mock, before it listens (ajv's compiled code is most of the package's start-up).
 */
import type { ValidationIssue } from '@centkit/validators/v6';
import { goDocumentView } from '../json/go-view.js';
import { paramsStructs, structs, type MethodName } from './protocol.js';

/** What the wire schema says about `text` as `method`'s params. */
export type WireIssues = (method: MethodName, text: string) => readonly ValidationIssue[];

/**
 * The wire validators, seeing params as the server reads them (json/go-view.ts: keys as Go
 * matches them); [] for a body that is not JSON. The module system keeps the import: a second
 * strict mock pays nothing.
 */
export async function loadWireValidationV6(): Promise<WireIssues> {
  const { validateWire } = await import('@centkit/validators/v6');
  return (method, text) => {
    const view = goDocumentView(text, structs, paramsStructs[method]);
    if (view === undefined) return [];
    const r = validateWire(method, 'params', view.value);
    return r.ok ? [] : r.errors;
  };
}
