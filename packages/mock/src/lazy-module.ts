/**
 * Dependencies loaded on their first use instead of at start: `yaml` and `smol-toml` (a config in
 * their format), `ws` (the first websocket upgrade) and `jose` (the first token) were ~80 ms of a
 * v6 mock's start to first answer (bench/mock6.bench.js, goal < 150 ms), and most runs need none
 * or one of them. Each has a CommonJS entry, so the first use may stay synchronous.
 */
import { createRequire } from 'node:module';

const requireCjs = createRequire(import.meta.url);

/** A loader for `name`: required on its first call, the same module after. */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireCjs(name) as T);
}
