/**
 * CommonJS dependencies loaded on their first use instead of when the generator's modules load:
 * TypeScript (through ts-morph), json-schema-to-typescript and prettier are some 200 ms of a cold
 * `centkit generate`, and loading them after the IR is built lets the validators' worker thread
 * start compiling that much sooner (emitters/validators/off-thread.ts; `npm run bench --
 * generator`, the shipped protocols). Each has a CommonJS entry, so the first use stays synchronous.
 */
import { createRequire } from 'node:module';

const requireCjs = createRequire(import.meta.url);

/** A loader for `name`: required on its first call, the same module after. */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireCjs(name) as T);
}
