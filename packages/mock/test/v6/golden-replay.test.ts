/**
 * The golden transcripts of the real v6.9.1 (server-api.jsonl and connections.jsonl) replayed
 * over HTTP against `startMockCentrifugoV6`: every exchange gives the recorded status, content
 * type and body after masking; fake clients, added and subscribed through the `/_mock/` control
 * API, stand in for the recorded websocket clients and receive the same pushes and closes. One
 * mock per config variant; a manual clock moves 100 ms per line (the recording took seconds).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { configOf, type VariantName } from '../../../../test/support/centrifugo-v6.js';
import { readGolden } from '../../../../test/support/golden-v6/transcript.js';
import { createManualClock } from '../../src/clock.js';
import { startMockCentrifugoV6, type MockCentrifugoV6 } from '../../src/v6/index.js';
import { replay, type ReplayTarget } from './support/golden-replay.js';
import { closeAgents, rawRequest } from './support/raw-http.js';

const started: MockCentrifugoV6[] = [];
afterAll(async () => {
  closeAgents();
  await Promise.all(started.map((m) => m.close()));
});

function overHttp(): ReplayTarget {
  const clock = createManualClock(Date.now());
  const mocks = new Map<VariantName, Promise<MockCentrifugoV6>>();
  const seen = new Map<string, { id: string; pushes: number }>();
  const mockOf = (v: VariantName) => {
    let m = mocks.get(v);
    if (m === undefined) {
      m = startMockCentrifugoV6({ config: configOf(v), clock }).then((x) => (started.push(x), x));
      mocks.set(v, m);
    }
    return m;
  };
  const control = async (v: VariantName, method: string, path: string, body?: unknown) => {
    const r = await rawRequest(
      (await mockOf(v)).url,
      method,
      `/_mock${path}`,
      [['Content-Type', 'application/json']],
      body === undefined ? '' : JSON.stringify(body),
    );
    if (r.status >= 300) throw new Error(`${method} /_mock${path}: ${r.status} ${r.body.toString()}`);
    return JSON.parse(r.body.toString('utf8')) as {
      clients: { client: string; pushes: unknown[]; closed?: { code: number; reason: string } }[];
    };
  };
  return {
    async request(v, r) {
      const res = await rawRequest((await mockOf(v)).url, r.method, r.path, Object.entries(r.headers), r.body);
      return { status: res.status, contentType: res.headers['content-type'], body: res.body.toString('utf8') };
    },
    async connect(v, name, spec) {
      await control(v, 'POST', '/clients', spec);
      seen.set(name, { id: spec.client, pushes: 0 });
    },
    async subscribe(v, name, channel) {
      await control(v, 'POST', `/clients/${(seen.get(name) as { id: string }).id}/channels`, { channel });
    },
    async received(v, name) {
      const s = seen.get(name) as { id: string; pushes: number };
      const c = (await control(v, 'GET', '/clients')).clients.find((x) => x.client === s.id);
      const pushes = (c?.pushes ?? []).slice(s.pushes).map((p) => JSON.stringify(p));
      s.pushes = c?.pushes.length ?? 0;
      return { pushes, closed: c?.closed };
    },
    nowSeconds: () => Math.floor(clock.now() / 1000),
    afterLine: () => clock.advance(100),
  };
}

describe('v6 golden transcripts replayed against the mock over HTTP', () => {
  it.each(['api', 'connections'] as const)('%s: every exchange as the real server answered it', async (kind) => {
    const report = await replay(readGolden(kind), overHttp());
    console.log(
      `golden replay (HTTP) ${kind}: ${report.http} HTTP exchanges, ${report.sockets} client observations, ${report.differences.length} differences`,
    );
    expect(report.http).toBeGreaterThan(kind === 'api' ? 250 : 20);
    expect(report.differences).toEqual([]);
  });
});
