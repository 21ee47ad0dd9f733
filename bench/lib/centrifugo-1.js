// The real Centrifugo 1.8.0 as a baseline for the 1.x mock, when one is at hand. The Go module
// proxy no longer serves v1.8.0, so it cannot be installed the way v6.9.1 is: a binary built
// from the v1.8.0 source (its own GOPATH-era build) is named by CENTKIT_CENTRIFUGO_1, and the
// bench adds its row only then.
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild } from './processes.js';

const VARIABLE = 'CENTKIT_CENTRIFUGO_1';

/** The binary named by CENTKIT_CENTRIFUGO_1, or undefined. */
export const centrifugo1 = () => process.env[VARIABLE] || undefined;

/** Why the row is missing, or undefined. */
export function centrifugo1Unavailable() {
  return centrifugo1() === undefined
    ? `${VARIABLE} does not name a Centrifugo 1.8.0 binary (the Go module proxy no longer serves v1.8.0; build it from the tag)`
    : undefined;
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Starts it on a free loopback port with `config` (its own keys, e.g. `secret`): `{ url, child, stop() }`. */
export async function startCentrifugo1(config, { cpu } = {}) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'centkit-bench-')), 'config.json');
  writeFileSync(file, JSON.stringify(config));
  const port = await freePort();
  const started = await startChild([`--config=${file}`, `--port=${port}`, '--address=127.0.0.1'], {
    executable: centrifugo1(),
    ready: /Start serving .* on (127\.0\.0\.1:\d+)/,
    cpu,
  });
  return { ...started, url: `http://${started.url}` };
}
