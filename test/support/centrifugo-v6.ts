/**
 * The real Centrifugo v6.9.1 for tests: started on a free loopback port with a generated config,
 * in an empty working directory (the server loads a `.env` it finds there), and stopped again.
 * The binary comes from `scripts/centrifugo.js` (installed by `.ci/run`, or by running that
 * script once). Suites that need it use `describeWithCentrifugo`: without the binary they are
 * skipped, and `test/support/global-setup.ts` says so in one line — or, in CI, fails the run.
 */
import { createServer } from 'node:net';
import { describe } from 'vitest';
import { CENTRIFUGO_VERSION, centrifugoInstalled, centrifugoPath } from '../../scripts/centrifugo.js';
import { startCentrifugoProcess } from '../../scripts/centrifugo-process.js';

export { CENTRIFUGO_VERSION };

/** Whether the real server can run here; `reason` says why not. */
export const realCentrifugo: { readonly available: boolean; readonly reason: string | undefined } = centrifugoInstalled()
  ? { available: true, reason: undefined }
  : { available: false, reason: `the real Centrifugo v${CENTRIFUGO_VERSION} is not installed at ${centrifugoPath()} (run: node scripts/centrifugo.js)` };

/** `describe` for suites that talk to the real server: skipped when it is not installed. */
export const describeWithCentrifugo = describe.skipIf(!realCentrifugo.available);

/** A Centrifugo v6 config object (the JSON the server reads with `-c`). */
export type CentrifugoConfig = { readonly [key: string]: unknown };

/** The API key and token secret of `recordingConfig`. */
export const API_KEY = 'k1';
export const TOKEN_SECRET = 's1';

/**
 * The config the golden transcripts are recorded with (spec §7.0): an API key, a token secret,
 * namespaces with history, presence and join/leave, data formats, and map namespaces.
 */
export const recordingConfig: CentrifugoConfig = {
  http_api: { key: API_KEY },
  client: { token: { hmac_secret_key: TOKEN_SECRET }, allowed_origins: ['http://localhost:*', 'http://127.0.0.1:*'] },
  channel: {
    without_namespace: { allow_subscribe_for_client: true, allow_subscribe_for_anonymous: true, allow_publish_for_subscriber: true },
    namespaces: [
      { name: 'hist', history_size: 3, history_ttl: '300s', force_recovery: true, allow_subscribe_for_client: true, allow_history_for_subscriber: true },
      { name: 'pres', presence: true, join_leave: true, force_push_join_leave: true, allow_subscribe_for_client: true, allow_presence_for_subscriber: true },
      { name: 'both', presence: true, history_size: 10, history_ttl: '300s', allow_subscribe_for_client: true },
      { name: 'jsonobj', publication_data_format: 'json_object', history_size: 10, history_ttl: '300s' },
      { name: 'bin', publication_data_format: 'binary', history_size: 10, history_ttl: '300s' },
      { name: 'delta', history_size: 10, history_ttl: '300s', allowed_delta_types: ['fossil'], allow_subscribe_for_client: true },
      { name: 'map', subscription_type: 'map', map: { mode: 'recoverable', key_ttl: '60s', stream_size: 100, stream_ttl: '300s' } },
      { name: 'mapp', subscription_type: 'map', map: { mode: 'persistent' } },
    ],
  },
};

export interface RealCentrifugo {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** `ws://127.0.0.1:<port>/connection/websocket` */
  readonly wsUrl: string;
  /** The config the server was started with (after the harness's own keys were added). */
  readonly config: CentrifugoConfig;
  /** What the server has logged so far (bounded). */
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real server with `config` (default: `recordingConfig`). The harness adds the listen
 * address and port, turns on `/health` (its readiness probe) and turns off usage stats (which
 * would call out to the internet): `scripts/centrifugo-process.js`, shared with the benches.
 * Retries on another port if the chosen one was taken meanwhile.
 */
export async function startCentrifugo(config: CentrifugoConfig = recordingConfig): Promise<RealCentrifugo> {
  if (!realCentrifugo.available) throw new Error(realCentrifugo.reason);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const server = await startCentrifugoProcess(config, await freePort());
      return { ...server, wsUrl: `ws://127.0.0.1:${server.port}/connection/websocket` };
    } catch (error) {
      lastError = error;
      if (!String(error).includes('address already in use')) break;
    }
  }
  throw lastError;
}

