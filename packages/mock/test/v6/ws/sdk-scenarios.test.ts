/**
 * The real `centrifuge` SDK (5.x, in Node over `ws`) against the mock and against the real
 * v6.9.1, the same scenario list on both (recordingConfig): connect, subscribe, API publishes,
 * history and positions, join/leave and presence, client publish, recovery after a reconnect,
 * server unsubscribe and disconnect, server-side subscriptions, subscription tokens and token
 * refresh, an expired token and an unknown namespace. Each run's event log must be the one the
 * real server gave (written in the scenario), client by client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeWithCentrifugo,
  recordingConfig,
  startCentrifugo,
  type RealCentrifugo,
} from '../../../../../test/support/centrifugo-v6.js';
import { SdkEnv } from './support/sdk-env.js';
import { SCENARIOS } from './support/sdk-scenarios.js';
import { startWsTestServer, type WsTestServer } from './support/ws-server.js';

async function runScenario(
  url: string,
  wsUrl: string,
  scenario: (typeof SCENARIOS)[number],
): Promise<readonly string[]> {
  const env = new SdkEnv(url, wsUrl);
  try {
    await scenario.run(env);
    return [...env.log.lines];
  } finally {
    env.close();
  }
}

/**
 * Each client's events in order: what one connection sees is ordered, but two connections' events
 * interleave as their sockets are read (the real server's own order varies between runs there).
 */
function byClient(log: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of log) (out[/^[^ /]+/.exec(line)?.[0] ?? ''] ??= []).push(line);
  return out;
}

describe('centrifuge SDK scenarios against the mock', () => {
  let server: WsTestServer;
  beforeAll(async () => {
    server = await startWsTestServer(recordingConfig);
  });
  afterAll(async () => server.stop());

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const log = await runScenario(server.url, server.wsUrl, scenario);
    expect(byClient(log)).toEqual(byClient(scenario.expected));
  });
});

describeWithCentrifugo('centrifuge SDK scenarios against the real v6.9.1', () => {
  let real: RealCentrifugo;
  beforeAll(async () => {
    real = await startCentrifugo(recordingConfig);
  });
  afterAll(async () => real.stop());

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const log = await runScenario(real.url, real.wsUrl, scenario);
    expect(byClient(log)).toEqual(byClient(scenario.expected));
  });
});
