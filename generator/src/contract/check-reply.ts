import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { addBundles } from '../emitters/validators/standalone.js';
import type { MethodIR, ProtocolIR } from '../ir/types.js';
import type { ProbePlan } from './probe-plan.js';

/** One way a reply differs from the schema: where (a JSON pointer into the reply item), what was expected, what came. */
export interface Mismatch {
  readonly view: 'wire' | 'typed' | 'http';
  readonly path: string;
  readonly expected: string;
  readonly got: string;
}

export type ReplyChecker = (method: MethodIR, reply: unknown) => Mismatch[];

/**
 * Checks one reply item of a method: the reply envelope (wire view), then the result inside it
 * (wire view). A success (no error) must also satisfy both typed views, since a typed client
 * hands exactly that to its caller. An error reply is itself a mismatch: the probe wanted a success.
 */
export function createReplyChecker(ir: ProtocolIR, plan: ProbePlan): ReplyChecker {
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
  const { reply: fields } = plan.envelope;

  return (method, reply) => {
    const envelope = ir.envelopes.reply.name;
    const item = (reply !== null && typeof reply === 'object' ? reply : {}) as Record<string, unknown>;
    const error = item[fields.error];
    const success = error === undefined || error === null || error === '';
    const views = success ? (['wire', 'typed'] as const) : (['wire'] as const);
    const out: Mismatch[] = [];
    for (const view of views) {
      out.push(...check(validator(view, envelope), reply, '', view));
      if (fields.result in item) out.push(...check(validator(view, method.result.name), item[fields.result], `/${escape(fields.result)}`, view));
    }
    if (fields.method !== undefined && item[fields.method] !== undefined && item[fields.method] !== method.name) {
      out.push({ view: 'wire', path: `/${escape(fields.method)}`, expected: JSON.stringify(method.name), got: show(item[fields.method]) });
    }
    if (!success) {
      const known = method.errors.find((e) => e.message === error);
      const note = known === undefined ? 'an error this method does not list' : `the ${known.kind} error ${known.id}; check the server's configuration for the probe's params`;
      out.push({ view: 'wire', path: `/${escape(fields.error)}`, expected: 'no error (the probe sends valid params)', got: `${show(error)} (${note})` });
    }
    return dedupe(out);
  };
}

function check(validate: ValidateFunction, value: unknown, prefix: string, view: 'wire' | 'typed'): Mismatch[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if').map((e) => toMismatch(e, value, prefix, view));
}

function toMismatch(e: ErrorObject, root: unknown, prefix: string, view: 'wire' | 'typed'): Mismatch {
  const params = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required':
      return { view, path: `${prefix}${at}/${escape(String(params['missingProperty']))}`, expected: 'present', got: 'absent' };
    case 'additionalProperties': {
      const extra = `${at}/${escape(String(params['additionalProperty']))}`;
      return { view, path: `${prefix}${extra}`, expected: 'absent (no such property)', got: show(valueAt(root, extra)) };
    }
    case 'type':
      return { view, path: `${prefix}${at}`, expected: `type ${String(params['type'])}`, got: show(valueAt(root, at)) };
    case 'enum':
      return { view, path: `${prefix}${at}`, expected: `one of ${JSON.stringify(params['allowedValues'])}`, got: show(valueAt(root, at)) };
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
