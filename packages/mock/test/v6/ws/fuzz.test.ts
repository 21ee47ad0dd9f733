/**
 * Seeded fuzz of the websocket transport: bounded numbers of connections send garbage, broken
 * and valid-looking commands (random keys, types, nesting, lines, sizes around the message
 * limit, binary frames). The mock never throws, keeps answering the server API, and once the
 * clients are gone holds no session and no connection.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingConfig } from '../../../../../test/support/centrifugo-v6.js';
import { startWsTestServer, type WsTestServer } from './support/ws-server.js';

const SEED = 0x5eed15;
const CONNECTIONS = 60;
const FRAMES_PER_CONNECTION = 40;

/** mulberry32: a small seeded PRNG. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const METHODS = ['subscribe', 'unsubscribe', 'publish', 'presence', 'presence_stats', 'history', 'rpc', 'sub_refresh'];
/** Commands that end a connection (rare, so connections live long enough to reach the handlers). */
const FATAL = [
  '{"id":9,"connect":{}}',
  '{"id":9,"ping":{}}',
  '{"id":9,"send":{}}',
  '{"id":9,"bogus":{}}',
  '{"id":9,"refresh":{}}',
  '{"id":9,"subscribe":{"channel":""}}',
];
const CHANNELS = ['news', 'hist:f', 'pres:f', '$p', 'nope:x', 'ü', 'c'.repeat(300), 'map:f', 'jsonobj:f'];

function value(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 9);
  if (depth > 3) return pick % 2 === 0 ? 1 : 'x';
  switch (pick) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return Math.floor(r() * 2 ** 40) - 2 ** 39;
    case 3:
      return r() * 1e6;
    case 4:
      return 'x'.repeat(Math.floor(r() * 20));
    case 5:
      return CHANNELS[Math.floor(r() * CHANNELS.length)];
    case 6:
      return [value(r, depth + 1), value(r, depth + 1)];
    default:
      return {
        [METHODS[Math.floor(r() * METHODS.length)] as string]: value(r, depth + 1),
        channel: CHANNELS[Math.floor(r() * CHANNELS.length)],
      };
  }
}

/** Mostly well-formed commands with random contents (so connections live long enough to reach the handlers), some fatal frames. */
function frame(r: () => number): string | Buffer {
  const kind = Math.floor(r() * 40);
  if (kind === 0) return Buffer.from(Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256)));
  if (kind === 1) return 'x'.repeat(65_000 + Math.floor(r() * 1000));
  if (kind === 2) return '\n'.repeat(Math.floor(r() * 3)) + '{}';
  if (kind === 3) return FATAL[Math.floor(r() * FATAL.length)] as string;
  const lines = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, i) => {
    const method = METHODS[Math.floor(r() * METHODS.length)] as string;
    const body =
      r() < 0.97
        ? {
            channel: CHANNELS[Math.floor(r() * CHANNELS.length)],
            data: value(r),
            recover: r() < 0.3,
            offset: Math.floor(r() * 5),
            limit: Math.floor(r() * 10) - 2,
            positioned: r() < 0.3,
            join_leave: r() < 0.3,
          }
        : value(r);
    return JSON.stringify({ id: 2 + i, [method]: body });
  });
  return lines.join('\n');
}

describe('websocket fuzz', () => {
  let server: WsTestServer;
  beforeAll(async () => {
    server = await startWsTestServer(recordingConfig);
  });
  afterAll(async () => server.stop());

  it(`${CONNECTIONS} connections × ${FRAMES_PER_CONNECTION} random frames (seed ${SEED}): no crash, API alive, nothing left behind`, async () => {
    const r = rng(SEED);
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({ sub: 'fuzz' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('s1'));
    const closes = new Map<number, number>();
    let opened = 0;
    let replies = 0;
    const connection = async (): Promise<void> => {
      opened += 1;
      const ws = new WebSocket(server.wsUrl);
      ws.on('error', () => undefined);
      ws.on('message', (m: Buffer) => {
        replies += m.toString().split('\n').length;
        if (m.toString() === '{}') ws.send('{}');
      });
      const closed = new Promise<void>((resolve) =>
        ws.once('close', (code: number) => {
          closes.set(code, (closes.get(code) ?? 0) + 1);
          resolve();
        }),
      );
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(`{"id":1,"connect":{"token":"${token}"}}`);
      for (let i = 0; i < FRAMES_PER_CONNECTION && ws.readyState === WebSocket.OPEN; i += 1) {
        ws.send(frame(r));
        await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      ws.close();
      await closed;
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, connection));
    for (let i = 0; i < 50 && server.mock.wsConnections().length > 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const info = await fetch(`${server.url}/api/info`, { method: 'POST', headers: { 'X-API-Key': 'k1' }, body: '{}' });
    expect(info.status).toBe(200);
    expect(server.mock.wsConnections()).toEqual([]);
    expect(((await info.json()) as { result: { nodes: { num_clients: number }[] } }).result.nodes[0]?.num_clients).toBe(
      0,
    );
    expect([...closes.values()].reduce((a, b) => a + b, 0)).toBe(opened);
    console.log(
      `ws fuzz: ${opened} connections, ${replies} messages received, close codes ${JSON.stringify(Object.fromEntries([...closes].sort((a, b) => a[0] - b[0])))}`,
    );
    expect(replies).toBeGreaterThan(CONNECTIONS * 3);
  });
});
