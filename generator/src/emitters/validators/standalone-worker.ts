/**
 * The worker thread of off-thread.ts: compiles the standalone code of each input it is sent, with
 * ajv read through the V8 code cache the main thread keeps (written by the main thread, which
 * loads ajv too). An error goes back as its message (the caller then compiles in its own thread
 * and gets the error itself).
 */
import { parentPort } from 'node:worker_threads';
import { enableCodeCache } from '../../cli/code-cache.js';
import type { FromWorker } from './off-thread.js';
import type { StandaloneInput } from './standalone-ajv.js';

enableCodeCache();
const { standaloneCode } = await import('./standalone-ajv.js');
const port = parentPort;
if (port === null) throw new Error('standalone-worker.js runs as a worker thread (see off-thread.ts)');

port.on('message', ({ id, input }: { id: number; input: StandaloneInput }) => {
  let reply: FromWorker;
  try {
    reply = { id, code: standaloneCode(input) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
