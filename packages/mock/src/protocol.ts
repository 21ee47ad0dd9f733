/**
 * The one place the mock learns about the protocol table and the wire validators.
 *
 * Today this is a local copy of `schema/centrifugo-v1/protocol.json` (names, `since`, effect,
 * error ids, queue transport methods) because `@centkit/validators` is not generated yet.
 * Switching to the generated package is a change to this file only: re-export `methods`,
 * `methodNames`, `isMethodName` from it and make `wireValidation` call its `validateWire`.
 * Behaviour (what each method does) stays hand-written in `api/methods/`.
 */
export type MethodName = 'publish' | 'broadcast' | 'unsubscribe' | 'disconnect' | 'presence' | 'history' | 'channels' | 'stats' | 'node';

export type ErrorId = 'namespace_not_found' | 'internal_server_error' | 'bad_request' | 'invalid_message' | 'not_available';

export interface MethodSpec {
  readonly name: MethodName;
  readonly since: string;
  readonly effect: 'read' | 'write';
  readonly errors: readonly ErrorId[];
}

export const methods: Readonly<Record<MethodName, MethodSpec>> = {
  publish: { name: 'publish', since: '1.0.0', effect: 'write', errors: ['namespace_not_found', 'internal_server_error', 'bad_request'] },
  broadcast: { name: 'broadcast', since: '1.2.0', effect: 'write', errors: ['invalid_message', 'namespace_not_found', 'internal_server_error', 'bad_request'] },
  unsubscribe: { name: 'unsubscribe', since: '1.0.0', effect: 'write', errors: ['invalid_message', 'namespace_not_found', 'internal_server_error', 'bad_request'] },
  disconnect: { name: 'disconnect', since: '1.0.0', effect: 'write', errors: ['invalid_message', 'internal_server_error', 'bad_request'] },
  presence: { name: 'presence', since: '1.0.0', effect: 'read', errors: ['invalid_message', 'namespace_not_found', 'not_available', 'internal_server_error', 'bad_request'] },
  history: { name: 'history', since: '1.0.0', effect: 'read', errors: ['invalid_message', 'namespace_not_found', 'not_available', 'internal_server_error', 'bad_request'] },
  channels: { name: 'channels', since: '1.0.0', effect: 'read', errors: ['internal_server_error'] },
  stats: { name: 'stats', since: '1.0.0', effect: 'read', errors: [] },
  node: { name: 'node', since: '1.4.0', effect: 'read', errors: [] },
};

export const methodNames: readonly MethodName[] = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** Methods the Redis API queue executes (the `redis` transport's `methods`); others are ignored. */
export const queueMethods: ReadonlySet<MethodName> = new Set(['publish', 'broadcast', 'unsubscribe', 'disconnect']);

/** Whether a method can fail with an engine error (`internal_server_error` in its catalogue). */
export function canFailInEngine(method: MethodName): boolean {
  return methods[method].errors.includes('internal_server_error');
}

/** One reason a value does not match the wire schema (same shape as `@centkit/validators`). */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
  readonly keyword: string;
  readonly schemaPath: string;
}

export interface WireValidation {
  /** False until the generated validators are wired in; then `validateParams` is real. */
  readonly available: boolean;
  validateParams(method: string, value: unknown): readonly ValidationIssue[];
}

export const wireValidation: WireValidation = {
  available: false,
  validateParams: () => [],
};
