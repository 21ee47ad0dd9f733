/**
 * Phase A proof: every HTTP exchange of server-api.jsonl and connections.jsonl, replayed in
 * process against the v6 request layer (`executeV6`) with fake clients in place of the recorded
 * websocket clients, gives the real server's status, content type and body after masking, and
 * the same pushes and closes. A fresh node per config variant; a manual clock that moves 100 ms
 * per line (the recording took seconds: `info` shows an uptime after the first 3).
 */
import { describe, expect, it } from 'vitest';
import { configOf, type VariantName } from '../../../../test/support/centrifugo-v6.js';
import { readGolden } from '../../../../test/support/golden-v6/transcript.js';
import { createManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { executeV6 } from '../../src/v6/api/execute.js';
import { parseConfigV6 } from '../../src/v6/config/parse-config.js';
import { connectFake, subscribeFake, type FakeSink } from '../../src/v6/engine/fake-clients.js';
import type { Connection } from '../../src/v6/state/connections.js';
import { NodeV6 } from '../../src/v6/state/node.js';
import { replay, type ReplayTarget } from './support/golden-replay.js';

function inProcess(): ReplayTarget {
  const clock = createManualClock(Date.now());
  const nodes = new Map<VariantName, NodeV6>();
  const clients = new Map<string, { connection: Connection; sink: FakeSink; seen: number }>();
  const nodeOf = (v: VariantName) => {
    let n = nodes.get(v);
    if (n === undefined) {
      n = new NodeV6({ config: parseConfigV6(configOf(v)).config, clock, logger: silentLogger });
      n.name = 'mock_8000';
      nodes.set(v, n);
    }
    return n;
  };
  const client = (name: string) =>
    clients.get(name) ??
    (() => {
      throw new Error(`no fake client ${name}`);
    })();
  return {
    async request(v, r) {
      const rawHeaders = Object.entries(r.headers).flat();
      const res = executeV6(nodeOf(v), {
        method: r.method,
        target: r.path,
        rawHeaders,
        body: Buffer.from(r.body, 'utf8'),
      });
      return {
        status: res.status,
        contentType: res.headers['Content-Type'],
        body: typeof res.body === 'string' ? res.body : res.body.toString('latin1'),
      };
    },
    async connect(v, name, spec) {
      clients.set(name, { ...connectFake(nodeOf(v), spec), seen: 0 });
    },
    async subscribe(v, name, channel) {
      subscribeFake(nodeOf(v), client(name).connection, channel);
    },
    async received(_v, name) {
      const c = client(name);
      const pushes = c.sink.pushes.slice(c.seen);
      c.seen = c.sink.pushes.length;
      return { pushes, closed: c.sink.closed };
    },
    nowSeconds: () => Math.floor(clock.now() / 1000),
    afterLine: () => clock.advance(100),
  };
}

describe('v6 golden transcripts replayed in process', () => {
  it.each(['api', 'connections'] as const)('%s: every exchange as the real server answered it', async (kind) => {
    const lines = readGolden(kind);
    const report = await replay(lines, inProcess());
    console.log(
      `golden replay (in process) ${kind}: ${report.http} HTTP exchanges, ${report.sockets} client observations, ${report.differences.length} differences`,
    );
    expect(report.http).toBeGreaterThan(kind === 'api' ? 250 : 20);
    expect(report.differences).toEqual([]);
  });
});
