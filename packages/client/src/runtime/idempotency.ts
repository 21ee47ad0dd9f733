/**
 * Which commands may run twice without harm, and idempotency keys for the writes that can be made
 * so. A method marked `idempotencyKey: "<field>"` in the method table accepts a key the server
 * de-duplicates by (from the schema's `x-idempotency-key`; Centrifugo v6: publish, broadcast,
 * map_publish and map_remove, for 5 minutes): with retries on,
 * each such command gets one before its first attempt (the caller's, or a random one), kept for
 * every attempt, so a write whose first attempt may have run can be sent again and runs once.
 */
import { randomUUID } from 'node:crypto';
import type { Command, MethodTable } from './types.js';

function keyOf(params: unknown, field: string): unknown {
  return typeof params === 'object' && params !== null ? (params as Record<string, unknown>)[field] : undefined;
}

/** The command's method is a known read, or it carries an idempotency key its method honours. */
export function isReplaySafe(methods: MethodTable, command: Command): boolean {
  if (!Object.hasOwn(methods, command.method)) return false;
  const info = methods[command.method];
  if (info?.effect === 'read') return true;
  const field = info?.idempotencyKey;
  if (field === undefined) return false;
  const key = keyOf(command.params, field);
  return typeof key === 'string' && key !== '';
}

/**
 * `params` with an idempotency key in `field`: the caller's own key kept, else a new random one
 * (a UUID: URL-safe, 122 random bits). The caller's object is never changed; params that are not
 * an object (the server will refuse them) are left as they are.
 */
export function withIdempotencyKey(params: unknown, field: string): unknown {
  if (params === undefined || params === null) return { [field]: randomUUID() };
  if (typeof params !== 'object' || Array.isArray(params)) return params;
  const given = keyOf(params, field);
  if (typeof given === 'string' && given !== '') return params;
  return { ...(params as Record<string, unknown>), [field]: randomUUID() };
}

/** The commands with keys added where the method takes one (only called when retries are on). */
export function addIdempotencyKeys(methods: MethodTable, commands: readonly Command[]): readonly Command[] {
  let changed: Command[] | undefined;
  for (const [i, command] of commands.entries()) {
    const field = Object.hasOwn(methods, command.method) ? methods[command.method]?.idempotencyKey : undefined;
    if (field === undefined) continue;
    const params = withIdempotencyKey(command.params, field);
    if (params === command.params) continue;
    changed ??= commands.slice();
    changed[i] = { method: command.method, params };
  }
  return changed ?? commands;
}
