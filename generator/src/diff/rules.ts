/**
 * The change rules. Each entry's name is the change kind the diff reports; its verdicts say
 * whether that change breaks callers (code that sends commands and reads replies: clients, apps
 * on a generated client) and implementers (servers and mocks that accept commands and send
 * replies). docs/protocol-change.md carries the same table; a test keeps the two equal.
 *
 * The principle behind every verdict: whatever one side may *send* grows → the receiving side
 * must handle more (breaking for the receiver); whatever one side may send shrinks or gets
 * stricter → the sending side must change (breaking for the sender). Callers send params and
 * read results; implementers accept params and send results.
 */

/** `unknown`: the diff saw a change it does not model; a human has to judge it. */
export type Verdict = 'breaking' | 'compatible' | 'unknown';

export interface Rule {
  readonly callers: Verdict;
  readonly implementers: Verdict;
  /** What happened, in a few words. */
  readonly summary: string;
}

export const RULES = {
  'method-added': { callers: 'compatible', implementers: 'breaking', summary: 'a method was added' },
  'method-removed': { callers: 'breaking', implementers: 'compatible', summary: 'a method was removed' },
  'method-became-read': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: 'a write method became a read (safe to retry)',
  },
  'method-became-write': {
    callers: 'breaking',
    implementers: 'compatible',
    summary: 'a read method became a write (no longer safe to retry)',
  },

  'param-added-optional': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: 'an optional param (or command field) was added',
  },
  'param-added-required': {
    callers: 'breaking',
    implementers: 'breaking',
    summary: 'a required param (or command field) was added',
  },
  'param-removed': {
    callers: 'breaking',
    implementers: 'compatible',
    summary: 'a param (or command field) was removed',
  },
  'param-became-required': {
    callers: 'breaking',
    implementers: 'compatible',
    summary: 'an optional param became required',
  },
  'param-became-optional': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: 'a required param became optional',
  },
  'param-widened': { callers: 'compatible', implementers: 'breaking', summary: 'a param accepts more values' },
  'param-narrowed': { callers: 'breaking', implementers: 'compatible', summary: 'a param accepts fewer values' },
  'param-changed': {
    callers: 'unknown',
    implementers: 'unknown',
    summary: 'a param schema changed in a way the diff does not model',
  },

  'result-field-added-required': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: 'a result (or reply) field that is always sent was added',
  },
  'result-field-added-optional': {
    callers: 'compatible',
    implementers: 'compatible',
    summary: 'a result (or reply) field that may be sent was added',
  },
  'result-field-removed': {
    callers: 'breaking',
    implementers: 'compatible',
    summary: 'a result (or reply) field was removed',
  },
  'result-field-became-required': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: 'a result field is now always sent',
  },
  'result-field-became-optional': {
    callers: 'breaking',
    implementers: 'compatible',
    summary: 'a result field may now be missing',
  },
  'result-widened': { callers: 'breaking', implementers: 'compatible', summary: 'a result value may take more values' },
  'result-narrowed': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: 'a result value may take fewer values',
  },
  'result-changed': {
    callers: 'unknown',
    implementers: 'unknown',
    summary: 'a result schema changed in a way the diff does not model',
  },

  'error-added': { callers: 'compatible', implementers: 'breaking', summary: 'an error was added to the catalogue' },
  'error-removed': {
    callers: 'breaking',
    implementers: 'compatible',
    summary: 'an error was removed from the catalogue',
  },
  'error-changed': {
    callers: 'breaking',
    implementers: 'breaking',
    summary: "an error's kind, message, status, body or advice changed",
  },
  'method-error-added': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: 'a method may now answer an error it did not',
  },
  'method-error-removed': {
    callers: 'compatible',
    implementers: 'compatible',
    summary: 'a method no longer answers an error',
  },
  'error-advice-added': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: "a method's error now carries advice",
  },
  'error-advice-removed': {
    callers: 'breaking',
    implementers: 'compatible',
    summary: "a method's error no longer carries advice",
  },

  'transport-added': { callers: 'compatible', implementers: 'breaking', summary: 'a transport was added' },
  'transport-removed': { callers: 'breaking', implementers: 'compatible', summary: 'a transport was removed' },
  'transport-changed': {
    callers: 'breaking',
    implementers: 'breaking',
    summary: "a transport's binding, request or reply shape, auth, error object or batch form changed",
  },
  'transport-method-added': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: 'a transport now carries an existing method',
  },
  'transport-method-removed': {
    callers: 'breaking',
    implementers: 'compatible',
    summary: 'a transport no longer carries a method',
  },
  'transport-batch-added': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: 'a transport now takes several commands per request',
  },
  'transport-batch-removed': {
    callers: 'breaking',
    implementers: 'compatible',
    summary: 'a transport no longer takes several commands per request',
  },
  'transport-shard-added': {
    callers: 'compatible',
    implementers: 'breaking',
    summary: 'a queue transport also reads sharded keys',
  },
  'transport-shard-removed': {
    callers: 'breaking',
    implementers: 'compatible',
    summary: 'a queue transport no longer reads sharded keys',
  },
  'transport-default-changed': {
    callers: 'compatible',
    implementers: 'compatible',
    summary: 'another transport is the default',
  },

  'type-added': { callers: 'compatible', implementers: 'compatible', summary: 'a shared named type was added' },
  'type-removed': { callers: 'breaking', implementers: 'compatible', summary: 'a shared named type was removed' },
} as const satisfies Record<string, Rule>;

export type ChangeKind = keyof typeof RULES;

export const CHANGE_KINDS = Object.keys(RULES) as ChangeKind[];

export function ruleOf(kind: ChangeKind): Rule {
  return RULES[kind];
}
