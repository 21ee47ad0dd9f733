/**
 * Quarantined speed-up (STYLE.md): ajv's standalone compilation of the validators, some 250 ms of
 * a cold `centkit generate` of a protocol like Centrifugo v6, done on a worker thread while the
 * other emitters print on this one (the validators emitter starts first: `startsFirst`). The
 * `centkit` bin starts the worker before it loads anything else, so the worker has loaded ajv
 * by the time the IR is built (the generate command starts one when the bin did not); the
 * library's own runs stay in this thread. It pays on two cores only because V8 optimises later
 * (cli/optimise-later.ts): with TurboFan's default, its background compiles took the second core.
 * A protocol with the fixtures emitter, which checks its values with the validators' compiled
 * functions (compiled.ts), compiles them in this thread as before.
 *
 * Justified by `npm run bench -- generator` (each shipped protocol cold, `--check --protocol`,
 * PATH only, 11 alternating runs on 2 cores): centrifugo-v6 886 → 744 ms median; centrifugo-v1,
 * which has fixtures and so leaves the worker idle, 602 → 639 ms (starting and stopping the
 * thread). Checked against the in-thread compilation (the same bytes on the shipped, legacy,
 * fixture and synthetic protocols, the same error on a schema ajv refuses, the fallback when the
 * worker is gone, and a bin that exits as soon as it is done) by
 * test/standalone-off-thread.test.ts. Any failure on the worker side (an error, a dead worker)
 * makes the caller compile here instead: the result, or the error, is then exactly the in-thread one.
 */
import { Worker } from 'node:worker_threads';
import { packageFile } from '../../package-dir.js';
import type { StandaloneInput } from './standalone-ajv.js';

/** The compiled worker entry (there is none when the generator runs from its TypeScript sources); looked up when a worker starts. */
const workerFile = (): string => packageFile('dist/emitters/validators/standalone-worker.js');

export interface FromWorker {
  readonly id: number;
  readonly code?: string;
  readonly error?: string;
}

/** Where `startEarlyWorker` leaves the worker it started, for `startStandaloneWorker` to take over. */
export const EARLY = Symbol.for('centkit.standaloneWorker');

let worker: Worker | undefined;
let failed = false;
let next = 0;
const pending = new Map<number, (reply: FromWorker) => void>();

/**
 * Starts the worker before the generator's modules load: what the `centkit` bin does for `generate`.
 * The bin runs the bundled generator, which holds a copy of this module of its own, so the worker is
 * handed over through a global (`EARLY`) that `startStandaloneWorker` looks at.
 */
export function startEarlyWorker(file: string = workerFile()): void {
  const early = new Worker(file);
  early.unref();
  // Until `startStandaloneWorker` takes it over: a worker that fails this early is not used, and not a crash.
  early.on('error', () => {});
  (globalThis as Record<symbol, unknown>)[EARLY] = early;
}

/** Starts the worker thread (once); it never keeps the process alive when no compilation is pending. */
export function startStandaloneWorker(file: string = workerFile()): void {
  if (worker !== undefined || failed) return;
  try {
    const early = (globalThis as Record<symbol, unknown>)[EARLY] as Worker | undefined;
    // One that has stopped already (the bin caught its error) is not used: its 'exit' is past.
    worker = early !== undefined && early.threadId !== -1 ? early : new Worker(file);
  } catch {
    failed = true;
    return;
  }
  const thread = worker;
  thread.on('message', (reply: FromWorker) => {
    const settle = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) thread.unref();
    settle?.(reply);
  });
  const fail = () => {
    // A worker stopped before this one was started ends nothing of this one's.
    if (worker !== thread) return;
    failed = true;
    worker = undefined;
    for (const [id, settle] of pending) settle({ id, error: 'the worker stopped' });
    pending.clear();
  };
  thread.on('error', fail);
  thread.on('exit', fail);
  // After the listeners, which would keep the process alive: only a pending compilation does.
  thread.unref();
}

/**
 * ajv's standalone code for `input` from the worker; undefined when no worker runs (the caller
 * compiles in its thread) or when it fails (the caller compiles in its thread, and so gets the
 * real error).
 */
export function standaloneOffThread(input: StandaloneInput): Promise<string | undefined> | undefined {
  const thread = worker;
  if (thread === undefined) return undefined;
  const id = next++;
  thread.ref();
  return new Promise((resolve) => {
    pending.set(id, (reply) => resolve(reply.error === undefined ? reply.code : undefined));
    thread.postMessage({ id, input });
  });
}

/** Stops the worker (tests). */
export async function stopStandaloneWorker(): Promise<void> {
  const thread = worker;
  worker = undefined;
  failed = false;
  if (thread !== undefined) await thread.terminate();
}
