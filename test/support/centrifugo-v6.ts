/**
 * The real Centrifugo v6.9.1 for tests: started on a free loopback port with a generated config,
 * in an empty working directory (the server loads a `.env` it finds there), and stopped again.
 * The binary comes from `scripts/centrifugo.js` (installed by `.ci/run`, or by running that
 * script once). Suites that need it use `describeWithCentrifugo`: without the binary they are
 * skipped, and `test/support/global-setup.ts` says so in one line — or, in CI, fails the run.
 */
import { createServer } from 'node:net';
import { describe } from 'vitest';
import { CENTRIFUGO_VERSION, centrifugoInstalled, centrifugoPath, goVersion } from '../../scripts/centrifugo.js';
import { startCentrifugoProcess } from '../../scripts/centrifugo-process.js';
import { centrifugoNeed, type Need } from './missing-needs.js';

export { cleanEnv } from '../../scripts/centrifugo-process.js';

export { CENTRIFUGO_VERSION };

/** Whether the real server can run here; `reason` says why not (and whether Go is here to install it). */
export const realCentrifugo: Need = centrifugoNeed(
  centrifugoInstalled()
    ? { installed: true, path: centrifugoPath(), goVersion: undefined }
    : { installed: false, path: centrifugoPath(), goVersion: goVersion() },
);

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
    without_namespace: {
      allow_subscribe_for_client: true,
      allow_subscribe_for_anonymous: true,
      allow_publish_for_subscriber: true,
    },
    namespaces: [
      {
        name: 'hist',
        history_size: 3,
        history_ttl: '300s',
        force_recovery: true,
        allow_subscribe_for_client: true,
        allow_history_for_subscriber: true,
      },
      {
        name: 'pres',
        presence: true,
        join_leave: true,
        force_push_join_leave: true,
        allow_subscribe_for_client: true,
        allow_presence_for_subscriber: true,
      },
      { name: 'both', presence: true, history_size: 10, history_ttl: '300s', allow_subscribe_for_client: true },
      { name: 'jsonobj', publication_data_format: 'json_object', history_size: 10, history_ttl: '300s' },
      { name: 'bin', publication_data_format: 'binary', history_size: 10, history_ttl: '300s' },
      {
        name: 'delta',
        history_size: 10,
        history_ttl: '300s',
        allowed_delta_types: ['fossil'],
        allow_subscribe_for_client: true,
      },
      {
        name: 'map',
        subscription_type: 'map',
        map: { mode: 'recoverable', key_ttl: '60s', stream_size: 100, stream_ttl: '300s' },
      },
      { name: 'mapp', subscription_type: 'map', map: { mode: 'persistent' } },
    ],
  },
};

type ConfigSection = { readonly [key: string]: unknown };
const section = (config: CentrifugoConfig, key: string): ConfigSection => (config[key] ?? {}) as ConfigSection;

/**
 * The variant servers of spec §7.0, each a small change to `recordingConfig`, plus the two the
 * websocket cases need. The golden transcripts name the variant each exchange ran on.
 */
export const variantConfigs = {
  /** S2: the API needs no key. */
  insecureApi: { ...recordingConfig, http_api: { insecure: true } },
  /** S3: the API key is configured empty (every call is 401; the server still starts). */
  emptyApiKey: { ...recordingConfig, http_api: { key: '' } },
  /** S4: errors are reported in the HTTP status for every request (`http_api.error_mode`). */
  transportErrorMode: { ...recordingConfig, http_api: { key: API_KEY, error_mode: 'transport' } },
  /** S5: a shared-poll namespace `sp` with publishing on (its refresh proxy is never called). */
  sharedPoll: {
    ...recordingConfig,
    shared_poll: { hmac_secret_key: 'sp' },
    channel: {
      ...section(recordingConfig, 'channel'),
      proxy: { shared_poll_refresh: { endpoint: 'http://127.0.0.1:9/', timeout: '1s' } },
      namespaces: [
        ...(section(recordingConfig, 'channel')['namespaces'] as readonly unknown[]),
        { name: 'sp', subscription_type: 'shared_poll', shared_poll: { mode: 'versioned', publish_enabled: true } },
      ],
    },
  },
  /** S6: an empty handler prefix, meant to serve the methods at `/<method>`. */
  emptyPrefix: { ...recordingConfig, http_api: { key: API_KEY, handler_prefix: '' } },
  /** Anonymous websocket connections without a token (user ""), for the server-side connection ops. */
  anonymousClients: {
    ...recordingConfig,
    client: { ...section(recordingConfig, 'client'), allow_anonymous_connect_without_token: true },
  },
  /** Short client timers (ping 2 s, pong 1 s, stale 1 s), so the ping, no-pong and stale cases take seconds. */
  shortPing: {
    ...recordingConfig,
    client: { ...section(recordingConfig, 'client'), ping_interval: '2s', pong_timeout: '1s', stale_close_delay: '1s' },
  },
} as const satisfies Record<string, CentrifugoConfig>;

export type VariantName = 'rec' | keyof typeof variantConfigs;

/** The config of a variant by name (`rec` is `recordingConfig`). */
export function configOf(variant: VariantName): CentrifugoConfig {
  return variant === 'rec' ? recordingConfig : variantConfigs[variant];
}

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
