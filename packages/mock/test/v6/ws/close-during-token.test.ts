/**
 * A client that closes its socket while its token is being checked leaves nothing behind: no
 * connected client, no subscription. (The check is asynchronous — WebCrypto through jose — and
 * the close can be handled before it ends; the session must not be registered after that.)
 * Many connections send `connect` (and a `subscribe` with a token) and drop at once.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingConfig } from '../../../../../test/support/centrifugo-v6.js';
import { startWsTestServer, type WsTestServer } from './support/ws-server.js';

const CONNECTIONS = 80;

describe('a socket closed while its token is checked', () => {
  let server: WsTestServer;
  beforeAll(async () => {
    server = await startWsTestServer(recordingConfig);
  });
  afterAll(async () => server.stop());

  it(`leaves no client and no subscription (${CONNECTIONS} connections)`, async () => {
    const { SignJWT } = await import('jose');
    const secret = new TextEncoder().encode('s1');
    const token = await new SignJWT({ sub: 'racer' }).setProtectedHeader({ alg: 'HS256' }).sign(secret);
    const subToken = await new SignJWT({ sub: 'racer', channel: 'news' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(secret);
    const one = async (i: number): Promise<void> => {
      const ws = new WebSocket(server.wsUrl);
      ws.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
      await new Promise((resolve) => ws.once('open', resolve));
      ws.send(`{"id":1,"connect":{"token":"${token}"}}`);
      if (i % 2 === 1) ws.send(`{"id":2,"subscribe":{"channel":"news","token":"${subToken}"}}`);
      // Gone at once, on some connections before the server has read the frames.
      if (i % 3 === 0) setImmediate(() => ws.terminate());
      else ws.terminate();
      await closed;
    };
    await Promise.all(Array.from({ length: CONNECTIONS }, (_, i) => one(i)));
    for (let i = 0; i < 50 && server.mock.wsConnections().length > 0; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 20));
    // Let token checks still running finish.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const info = await fetch(`${server.url}/api/info`, { method: 'POST', headers: { 'X-API-Key': 'k1' }, body: '{}' });
    const nodes = ((await info.json()) as { result: { nodes: { num_clients: number; num_subs: number }[] } }).result
      .nodes;
    expect(server.mock.wsConnections()).toEqual([]);
    expect(nodes[0]?.num_clients).toBe(0);
    expect(nodes[0]?.num_subs ?? 0).toBe(0);
  });
});
