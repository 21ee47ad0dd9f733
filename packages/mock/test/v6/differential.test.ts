/**
 * The differential test: the same seeded requests, in the same order, to a fresh real Centrifugo
 * v6.9.1 and to a fresh v6 mock over HTTP, both started with the same config (the recording
 * config, the API variants, a legacy catch-all prefix, a global data format); status, content
 * type, Location and body compared after masking server-made values. Prints the counts by group;
 * any difference fails. CENTKIT_DIFF_SEED and CENTKIT_DIFF_COUNT change the seed and the size.
 */
import { afterAll, expect, it } from 'vitest';
import { harnessConfig } from '../../../../scripts/centrifugo-process.js';
import {
  describeWithCentrifugo,
  recordingConfig,
  startCentrifugo,
  variantConfigs,
  type CentrifugoConfig,
  type RealCentrifugo,
} from '../../../../test/support/centrifugo-v6.js';
import { startMockCentrifugoV6, type MockCentrifugoV6 } from '../../src/v6/index.js';
import { readGolden } from '../../../../test/support/golden-v6/transcript.js';
import { diffCases, goldenCases, type ExtraChannels } from './support/diff-cases.js';
import { formatReport, runDifferential, type Send } from './support/differential.js';
import { closeAgents, rawRequest } from './support/raw-http.js';

const SEED = Number(process.env['CENTKIT_DIFF_SEED'] ?? 6091);
const COUNT = Number(process.env['CENTKIT_DIFF_COUNT'] ?? 6000);
const GOLDEN = readGolden('api');

const sharedPollChannel = variantConfigs.sharedPoll.channel;
/**
 * The shared-poll variant with one more shared-poll namespace (publishing off) and a map
 * namespace of each other kind: ephemeral, `map_clients` (recoverable), `map_users`.
 */
const pollAndMaps: CentrifugoConfig = {
  ...variantConfigs.sharedPoll,
  channel: {
    ...sharedPollChannel,
    namespaces: [
      ...sharedPollChannel.namespaces,
      { name: 'spoff', subscription_type: 'shared_poll', shared_poll: { mode: 'versioned' } },
      { name: 'mape', subscription_type: 'map', map: { mode: 'ephemeral', key_ttl: '60s' } },
      {
        name: 'mapc',
        subscription_type: 'map_clients',
        map: { mode: 'recoverable', key_ttl: '60s', stream_size: 10, stream_ttl: '60s' },
      },
      { name: 'mapu', subscription_type: 'map_users', map: { mode: 'ephemeral', key_ttl: '60s' } },
    ],
  },
};
const POLL_AND_MAPS_CHANNELS: ExtraChannels = {
  sharedPoll: ['sp:a', 'sp:b', 'sp:a', 'spoff:c'],
  map: ['mape:e1', 'mapc:c1', 'mapu:u1'],
};

/**
 * The recording config, its API variants, and three more: the legacy route as a catch-all, a
 * global data format, and shared-poll and map namespaces of every kind (with their channels
 * in the seeded requests).
 */
const CONFIGS: readonly (readonly [string, CentrifugoConfig, number, ExtraChannels])[] = [
  ['rec', recordingConfig, COUNT, {}],
  ['sharedPoll', variantConfigs.sharedPoll, COUNT / 10, { sharedPoll: ['sp:a', 'sp:b'] }],
  ['transportErrorMode', variantConfigs.transportErrorMode, COUNT / 6, {}],
  ['insecureApi', variantConfigs.insecureApi, COUNT / 10, {}],
  ['emptyApiKey', variantConfigs.emptyApiKey, COUNT / 20, {}],
  ['emptyPrefix', variantConfigs.emptyPrefix, COUNT / 10, {}],
  ['rootPrefix', { ...recordingConfig, http_api: { key: 'k1', handler_prefix: '/' } }, COUNT / 10, {}],
  [
    'jsonFormat',
    { ...recordingConfig, channel: { ...(recordingConfig['channel'] as object), publication_data_format: 'json' } },
    COUNT / 10,
    {},
  ],
  ['pollAndMaps', pollAndMaps, COUNT / 4, POLL_AND_MAPS_CHANNELS],
];

describeWithCentrifugo('v6 differential: the mock and the real server, over HTTP', () => {
  const started: RealCentrifugo[] = [];
  const mocks: MockCentrifugoV6[] = [];
  afterAll(async () => {
    closeAgents();
    await Promise.all([...started.map((s) => s.stop()), ...mocks.map((m) => m.close())]);
  });

  it.each(CONFIGS)(
    '%s: seeded requests answered as the real server does',
    async (_name, config, count, extra) => {
      const real = await startCentrifugo(config);
      started.push(real);
      const mock = await startMockCentrifugoV6({ config: harnessConfig(config, real.port) });
      mocks.push(mock);
      const to =
        (url: string): Send =>
        async (c, body) => {
          const r = await rawRequest(url, c.method, c.path, c.headers, body);
          return {
            status: r.status,
            contentType: r.headers['content-type'],
            location: r.headers.location,
            body: r.body.toString('utf8'),
          };
        };
      const cases = [...goldenCases(GOLDEN, _name), ...diffCases(SEED, Math.round(count), extra)];
      const report = await runDifferential(cases, to(real.url), to(mock.url));
      console.log(`${_name}: ${formatReport(report)}`);
      expect(report.differences).toEqual([]);
    },
    120_000,
  );
});
