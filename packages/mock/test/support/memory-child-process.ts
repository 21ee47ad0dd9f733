/**
 * A mock in a child process of its own (memory-child.js), for tests that measure its memory:
 * started with `options`, the 1.x mock or the v6 one; `ask('peak' | 'gc' | 'stop')` as that
 * file describes. The child runs the built package: build it first.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface MemoryChild {
  readonly child: ChildProcess;
  readonly port: number;
  /** RSS at start, after a collection. */
  readonly rss: number;
  /** Heap + external bytes at start, after a collection. */
  readonly held: number;
  ask<T>(what: string): Promise<T>;
}

const script = fileURLToPath(new URL('./memory-child.js', import.meta.url));

export async function startMemoryChild(options: object, protocol: 'v1' | 'v6' = 'v1'): Promise<MemoryChild> {
  const child = fork(script, [JSON.stringify(options), ...(protocol === 'v6' ? ['v6'] : [])], {
    execArgv: ['--expose-gc'],
    stdio: 'inherit',
  });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      child.once('message', (m) => resolve(m as T));
      child.once('exit', (code) => reject(new Error(`memory child exited (${code})`)));
    });
  const { port, rss, held } = await next<{ port: number; rss: number; held: number }>();
  return {
    child,
    port,
    rss,
    held,
    ask<T>(what: string) {
      const answer = next<T>();
      child.send(what);
      return answer;
    },
  };
}
