// Issue 16 §1: the one race in which a request is lost on a keep-alive connection. A server closes
// an idle connection (here after 100 ms, as a Go server does after its idle timeout, with no
// Keep-Alive header to warn) just as the client reuses it. Sequential publishes, each after a pause
// drawn around the server's idle timeout, count how many failed on a connection the server was
// closing: with Node's default agent (no idle timeout: the client's agent before this change) and
// with the client's own agent, whose idle timeout (80 ms here: 4 s against 5 s and longer in real
// use) is shorter than the server's. Such a failure now rejects as "may have run" (it is never
// re-sent); before, the publish was re-sent, and was delivered twice whenever the server had run it.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, CentTransportError } from '@centkit/client';
import { table } from './lib/measure.js';
import { startChild } from './lib/processes.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER_IDLE = 100;
const CLIENT_IDLE = 80;
const SPREAD = 2;
const CALLS = Number(process.env.BENCH_KEEPALIVE_CALLS ?? 150);

/** Stale-connection failures among CALLS publishes. */
async function countLost(client) {
  let stale = 0;
  for (let i = 0; i < CALLS; i++) {
    await new Promise((resolve) => setTimeout(resolve, SERVER_IDLE - SPREAD + Math.random() * 2 * SPREAD));
    try {
      await client.publish({ channel: 'c', data: i });
    } catch (error) {
      if (!(error instanceof CentTransportError)) throw error;
      if (error.staleConnection) stale++;
    }
  }
  return stale;
}

export async function run() {
  const server = await startChild([path.join(here, 'lib/idle-close-server.js'), String(SERVER_IDLE)]);
  const rows = [
    [
      `${CALLS} publishes, each ${SERVER_IDLE}±${SPREAD} ms after the last (server idle timeout ${SERVER_IDLE} ms)`,
      'lost on a closing connection',
    ],
  ];
  try {
    const plainAgent = new http.Agent({ keepAlive: true });
    const plain = new Client({ address: server.url, secret: 's', agent: plainAgent });
    const before = await countLost(plain);
    plainAgent.destroy();
    rows.push([
      "Node's default keep-alive agent (no idle timeout)",
      `${before} (${((100 * before) / CALLS).toFixed(1)} %)`,
    ]);
    const own = new Client({ address: server.url, secret: 's', idleTimeout: CLIENT_IDLE });
    const after = await countLost(own);
    await own.close();
    rows.push([
      `the client's own agent, idleTimeout ${CLIENT_IDLE} ms`,
      `${after} (${((100 * after) / CALLS).toFixed(1)} %)`,
    ]);
  } finally {
    await server.stop();
  }
  table(rows);
}
