/**
 * Phase A differential: seeded requests to a fresh real Centrifugo v6.9.1 and to the v6 request
 * layer in process (same config), compared after masking server-made values.
 */
import { afterAll, expect, it } from 'vitest';
import { harnessConfig } from '../../../../scripts/centrifugo-process.js';
import { describeWithCentrifugo, recordingConfig, startCentrifugo, variantConfigs, type CentrifugoConfig, type RealCentrifugo } from '../../../../test/support/centrifugo-v6.js';
import { systemClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { executeV6 } from '../../src/v6/api/execute.js';
import { parseConfigV6 } from '../../src/v6/config/parse-config.js';
import { NodeV6 } from '../../src/v6/state/node.js';
import { diffCases } from './support/diff-cases.js';
import { formatReport, runDifferential, type Send } from './support/differential.js';
import { closeAgents, rawRequest } from './support/raw-http.js';

const SEED = Number(process.env['CENTKIT_DIFF_SEED'] ?? 6091);
const COUNT = Number(process.env['CENTKIT_DIFF_COUNT'] ?? 3000);

/** The recording config, its API variants, and two more: the legacy route as a catch-all, a global data format. */
const CONFIGS: readonly (readonly [string, CentrifugoConfig, number])[] = [
  ['rec', recordingConfig, COUNT],
  ['transportErrorMode', variantConfigs.transportErrorMode, COUNT / 6],
  ['insecureApi', variantConfigs.insecureApi, COUNT / 10],
  ['emptyApiKey', variantConfigs.emptyApiKey, COUNT / 20],
  ['emptyPrefix', variantConfigs.emptyPrefix, COUNT / 10],
  ['rootPrefix', { ...recordingConfig, http_api: { key: 'k1', handler_prefix: '/' } }, COUNT / 10],
  ['jsonFormat', { ...recordingConfig, channel: { ...(recordingConfig['channel'] as object), publication_data_format: 'json' } }, COUNT / 10],
];

describeWithCentrifugo('v6 differential, in process', () => {
  const started: RealCentrifugo[] = [];
  afterAll(async () => {
    closeAgents();
    await Promise.all(started.map((s) => s.stop()));
  });

  it.each(CONFIGS)('%s: seeded requests answered as the real server does', async (_name, config, count) => {
    const real = await startCentrifugo(config);
    started.push(real);
    const node = new NodeV6({ config: parseConfigV6(harnessConfig(config, real.port)).config, clock: systemClock, logger: silentLogger });
    node.name = 'mock';
    const toReal: Send = async (c, body) => {
      const r = await rawRequest(real.url, c.method, c.path, c.headers, body);
      return { status: r.status, contentType: r.headers['content-type'], location: r.headers.location, body: r.body.toString('utf8') };
    };
    const toMock: Send = async (c, body) => {
      const r = executeV6(node, { method: c.method, target: c.path, rawHeaders: c.headers.flat(), body: Buffer.from(body, 'utf8') });
      return { status: r.status, contentType: r.headers['Content-Type'], location: r.headers['Location'], body: c.method === 'HEAD' ? '' : typeof r.body === 'string' ? r.body : r.body.toString('utf8') };
    };
    const report = await runDifferential(diffCases(SEED, Math.round(count)), toReal, toMock);
    console.log(`${_name}: ${formatReport(report)}`);
    expect(report.differences).toEqual([]);
  }, 120_000);
});
