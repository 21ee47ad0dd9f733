/**
 * The generated v6 wire validators (`@centkit/validators/v6`), for the violations a strict mock
 * records: what the schema says about the params of a request the server refused. Imported only
 * by a strict mock, before it listens (ajv's compiled code is most of the package's start-up).
 */
import type { ValidationIssue } from '@centkit/validators/v6';

let validate: ((method: string, value: unknown) => readonly ValidationIssue[]) | undefined;

export async function loadWireValidationV6(): Promise<void> {
  if (validate !== undefined) return;
  const { validateWire } = await import('@centkit/validators/v6');
  validate = (method, value) => {
    const r = validateWire(method as never, 'params', value);
    return r.ok ? [] : r.errors;
  };
}

/** What the wire schema says about `text` as `method`'s params ([] when it is not JSON, or the validators are not loaded). */
export function wireIssues(method: string, text: string): readonly ValidationIssue[] {
  if (validate === undefined) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  return validate(method, value);
}
