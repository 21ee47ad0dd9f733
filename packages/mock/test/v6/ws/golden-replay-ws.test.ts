/**
 * The websocket goldens replayed over real sockets: client-protocol.jsonl (raw frames of the
 * client protocol) and connections.jsonl (real clients beside the server API's presence,
 * channels, subscribe, unsubscribe, disconnect and refresh) give, against the mock, the
 * messages, closes and HTTP answers the real v6.9.1 gave, masked the same way. The same replay
 * against a fresh real server checks the replayer itself.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  configOf,
  describeWithCentrifugo,
  startCentrifugo,
  type RealCentrifugo,
  type VariantName,
} from '../../../../../test/support/centrifugo-v6.js';
import { readGolden } from '../../../../../test/support/golden-v6/transcript.js';
import { startWsTestServer, type WsTestServer } from './support/ws-server.js';
import { replayWs, type WsReplayTarget } from './support/ws-replay.js';

function servers<S extends { readonly url: string }>(
  start: (v: VariantName) => Promise<S>,
  stop: (s: S) => Promise<void>,
): WsReplayTarget & { stopAll(): Promise<void> } {
  const started = new Map<VariantName, Promise<S>>();
  return {
    async url(v) {
      let s = started.get(v);
      if (s === undefined) started.set(v, (s = start(v)));
      return (await s).url;
    },
    async stopAll() {
      await Promise.all([...started.values()].map(async (s) => stop(await s)));
      started.clear();
    },
  };
}

describe('websocket goldens replayed against the mock', () => {
  const mocks: (WsReplayTarget & { stopAll(): Promise<void> })[] = [];
  afterAll(async () => Promise.all(mocks.map((m) => m.stopAll())));

  it.each(['clientProtocol', 'connections'] as const)(
    '%s: every message, close and answer as the real server sent it',
    async (kind) => {
      const target = servers<WsTestServer>(
        (v) => startWsTestServer(configOf(v)),
        (s) => s.stop(),
      );
      mocks.push(target);
      const report = await replayWs(readGolden(kind), target);
      console.log(
        `ws golden replay (mock) ${kind}: ${report.sockets} client observations, ${report.frames} frames, ${report.http} HTTP exchanges, ${report.differences.length} differences`,
      );
      expect(report.frames).toBeGreaterThan(30);
      expect(report.differences).toEqual([]);
    },
    60_000,
  );
});

describeWithCentrifugo('websocket goldens replayed against the real v6.9.1 (the replayer itself)', () => {
  it.each(['clientProtocol', 'connections'] as const)(
    '%s: the recording replays as recorded',
    async (kind) => {
      const target = servers<RealCentrifugo>(
        (v) => startCentrifugo(configOf(v)),
        (s) => s.stop(),
      );
      try {
        const report = await replayWs(readGolden(kind), target);
        console.log(
          `ws golden replay (real) ${kind}: ${report.sockets} client observations, ${report.frames} frames, ${report.differences.length} differences`,
        );
        expect(report.frames).toBeGreaterThan(30);
        expect(report.differences).toEqual([]);
      } finally {
        await target.stopAll();
      }
    },
    60_000,
  );
});
