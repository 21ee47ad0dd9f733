import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { addBundles } from '../ir/ajv-bundles.js';
import type { ErrorIR, MethodIR, ProtocolIR, TransportIR } from '../ir/types.js';

/** One way a reply differs from the schema: where (a JSON pointer into the reply item), what was expected, what came. */
export interface Mismatch {
  readonly view: 'wire' | 'typed' | 'http';
  readonly path: string;
  readonly expected: string;
  readonly got: string;
}

/** `expectedError`: the id of the catalogued error the probe expects instead of a result. */
export type ReplyChecker = (method: MethodIR, reply: unknown, expectedError?: string) => Mismatch[];

/**
 * Checks one reply (one item of a `commands` reply, or the `envelope` body) of a method, with the
 * field names of the transport's reply: the reply envelope, when the descriptor names one (wire
 * view), then the result inside it (wire view), and an error object against the error type. A
 * success must also satisfy both typed views, since a typed client hands exactly that to its
 * caller. An error reply is itself a mismatch: the probe wanted a success, unless the probe
 * expects exactly that catalogued error (then a result is the mismatch). The transport's batch
 * method, when it answers bare, is its own result.
 */
export function createReplyChecker(ir: ProtocolIR, transport: TransportIR): ReplyChecker {
  const ajv = addBundles(new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }), ir);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (view: 'wire' | 'typed', name: string): ValidateFunction => {
    const id = `${view}#/definitions/${name}`;
    let fn = compiled.get(id);
    if (fn === undefined) {
      fn = ajv.getSchema(id);
      if (fn === undefined) throw new Error(`no ${view} schema for ${name}`);
      compiled.set(id, fn);
    }
    return fn;
  };
  const fields = transport.reply;
  if (fields.shape === 'none') throw new Error(`transport ${transport.id} sends no reply to check`);
  const batchMethod = transport.batch?.item === 'keyed' ? transport.batch.method : undefined;
  const bareBatch =
    transport.batch?.item === 'keyed' && transport.batch.reply === 'bare' ? transport.batch.method : undefined;

  return (method, reply, expectedError) => {
    const views = ['wire', 'typed'] as const;
    if (method.name === bareBatch)
      return dedupe([
        ...views.flatMap((view) => check(validator(view, method.result.name), reply, '', view)),
        ...batchErrors(transport, fields.error, reply, ''),
      ]);
    const item = (reply !== null && typeof reply === 'object' ? reply : {}) as Record<string, unknown>;
    const error = item[fields.error];
    const success = error === undefined || error === null || error === '';
    const out: Mismatch[] = [];
    for (const view of success ? views : (['wire'] as const)) {
      if (fields.envelope !== undefined) out.push(...check(validator(view, fields.envelope), reply, '', view));
      if (fields.result in item)
        out.push(...check(validator(view, method.result.name), item[fields.result], `/${escape(fields.result)}`, view));
    }
    if (
      fields.shape === 'commands' &&
      fields.method !== undefined &&
      item[fields.method] !== undefined &&
      item[fields.method] !== method.name
    ) {
      out.push({
        view: 'wire',
        path: `/${escape(fields.method)}`,
        expected: JSON.stringify(method.name),
        got: show(item[fields.method]),
      });
    }
    if (success && fields.result in item)
      out.push(
        ...batchErrors(
          transport,
          fields.error,
          method.name === batchMethod ? item[fields.result] : undefined,
          `/${escape(fields.result)}`,
        ),
      );
    if (success && expectedError !== undefined) {
      out.push({
        view: 'wire',
        path: `/${escape(fields.result)}`,
        expected: `the error ${expectedError} (the probe plan expects it)`,
        got: show(item[fields.result]),
      });
    }
    if (!success) {
      if (transport.error !== undefined)
        out.push(...check(validator('wire', transport.error.type), error, `/${escape(fields.error)}`, 'wire'));
      const known = knownError(method, transport, error);
      if (expectedError !== undefined && known?.id === expectedError) return dedupe(out);
      if (expectedError !== undefined) {
        out.push({
          view: 'wire',
          path: `/${escape(fields.error)}`,
          expected: `the error ${expectedError} (the probe plan expects it)`,
          got: `${show(error)}${known === undefined ? '' : ` (the ${known.kind} error ${known.id})`}`,
        });
        return dedupe(out);
      }
      const note =
        known === undefined
          ? 'an error this method does not list'
          : `the ${known.kind} error ${known.id}; check the server's configuration for the probe's params`;
      out.push({
        view: 'wire',
        path: `/${escape(fields.error)}`,
        expected: 'no error (the probe sends valid params)',
        got: `${show(error)} (${note})`,
      });
    }
    return dedupe(out);
  };
}

/**
 * A keyed batch's replies that carry an error: the probe's commands are valid, so each is a
 * mismatch, at its place in the replies.
 */
function batchErrors(transport: TransportIR, errorField: string, result: unknown, prefix: string): Mismatch[] {
  const batch = transport.batch;
  if (batch?.item !== 'keyed' || result === null || typeof result !== 'object') return [];
  const replies = (result as Record<string, unknown>)[batch.replies];
  if (!Array.isArray(replies)) return [];
  return replies.flatMap((reply, i) => {
    const error =
      reply !== null && typeof reply === 'object' ? (reply as Record<string, unknown>)[errorField] : undefined;
    if (error === undefined) return [];
    return [
      {
        view: 'wire' as const,
        path: `${prefix}/${escape(batch.replies)}/${i}/${escape(errorField)}`,
        expected: 'no error (the probe sends valid commands)',
        got: show(error),
      },
    ];
  });
}

/** The catalogue entry an error reply stands for: by numbered code when the error object has one, else by message. */
export function knownError(method: MethodIR, transport: TransportIR, error: unknown): ErrorIR | undefined {
  const object = transport.error;
  if (object === undefined || error === null || typeof error !== 'object')
    return method.errors.find((e) => e.message === error);
  const fields = error as Record<string, unknown>;
  const code = object.code === undefined ? undefined : fields[object.code];
  if (typeof code === 'number') return method.errors.find((e) => e.code === code);
  return method.errors.find((e) => e.message === fields[object.message]);
}

function check(validate: ValidateFunction, value: unknown, prefix: string, view: 'wire' | 'typed'): Mismatch[] {
  if (validate(value)) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if')
    .map((e) => toMismatch(e, value, prefix, view));
}

function toMismatch(e: ErrorObject, root: unknown, prefix: string, view: 'wire' | 'typed'): Mismatch {
  const params = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required':
      return {
        view,
        path: `${prefix}${at}/${escape(String(params['missingProperty']))}`,
        expected: 'present',
        got: 'absent',
      };
    case 'additionalProperties': {
      const extra = `${at}/${escape(String(params['additionalProperty']))}`;
      return {
        view,
        path: `${prefix}${extra}`,
        expected: 'absent (no such property)',
        got: show(valueAt(root, extra)),
      };
    }
    case 'type':
      return { view, path: `${prefix}${at}`, expected: `type ${String(params['type'])}`, got: show(valueAt(root, at)) };
    case 'enum':
      return {
        view,
        path: `${prefix}${at}`,
        expected: `one of ${JSON.stringify(params['allowedValues'])}`,
        got: show(valueAt(root, at)),
      };
    default:
      return { view, path: `${prefix}${at}`, expected: e.message ?? e.keyword, got: show(valueAt(root, at)) };
  }
}

function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function show(value: unknown): string {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The typed view repeats most wire mismatches; each place and expectation is reported once (wire first). */
function dedupe(mismatches: readonly Mismatch[]): Mismatch[] {
  const seen = new Set<string>();
  return mismatches.filter((m) => {
    const key = `${m.path}\u0000${m.expected}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
