/**
 * `?cf_ws_frame_ping_pong=true` (for tools that cannot answer `{}` pings): the connect reply
 * announces no ping or pong, and the server sends websocket ping frames every ping interval
 * instead — on the mock as on the real v6.9.1 (ping 2 s here).
 */
import WebSocket from 'ws';
import { SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import {
  describeWithCentrifugo,
  startCentrifugo,
  TOKEN_SECRET,
  variantConfigs,
} from '../../../../../test/support/centrifugo-v6.js';
import { startWsTestServer } from './support/ws-server.js';

const config = {
  ...variantConfigs.shortPing,
  client: { ...variantConfigs.shortPing.client, stale_close_delay: '10s' },
};

async function frameMode(wsUrl: string): Promise<{ reply: string; pings: number; open: boolean }> {
  const token = await new SignJWT({ sub: 'u1' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(TOKEN_SECRET));
  const ws = new WebSocket(`${wsUrl}?cf_ws_frame_ping_pong=true`);
  let pings = 0;
  ws.on('ping', () => (pings += 1));
  await new Promise((resolve) => ws.once('open', resolve));
  const reply = new Promise<string>((resolve) => ws.once('message', (m: Buffer) => resolve(m.toString())));
  ws.send(JSON.stringify({ id: 1, connect: { token } }));
  const text = (await reply).replace(/"client":"[^"]+"/, '"client":"<client>"');
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const open = ws.readyState === WebSocket.OPEN;
  ws.terminate();
  return { reply: text, pings, open };
}

const WANT = { reply: '{"id":1,"connect":{"client":"<client>","version":"6.9.1 OSS"}}', open: true };

describe('websocket ping frames instead of {} pings: the mock', () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => Promise.all(stops.map((s) => s())));
  it('announces no ping and sends ping frames', async () => {
    const mock = await startWsTestServer(config);
    stops.push(() => mock.stop());
    const r = await frameMode(mock.wsUrl);
    expect(r).toMatchObject(WANT);
    expect(r.pings).toBeGreaterThanOrEqual(1);
  });
});

describeWithCentrifugo('websocket ping frames instead of {} pings: the real v6.9.1', () => {
  it('announces no ping and sends ping frames', async () => {
    const real = await startCentrifugo(config);
    try {
      const r = await frameMode(real.wsUrl);
      expect(r).toMatchObject(WANT);
      expect(r.pings).toBeGreaterThanOrEqual(1);
    } finally {
      await real.stop();
    }
  });
});
