/**
 * `useMockCentrifugoV6` for websocket tests: the mock's `wsUrl` and `connectionToken(user)` are all
 * a test needs to connect the real SDK; the reset before each test closes what the last test left
 * connected (3001 shutdown, as a restarting server: the SDK would reconnect).
 */
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '@centkit/client/v6';
import { useMockCentrifugoV6 } from '../../../src/v6/vitest.js';

const centrifugo = useMockCentrifugoV6({
  config: {
    http_api: { key: 'test-key' },
    client: { token: { hmac_secret_key: 'test-secret' } },
    channel: {
      namespaces: [{ name: 'chat', allow_subscribe_for_client: true, history_size: 10, history_ttl: '300s' }],
    },
  },
});

let left: Centrifuge | undefined;
const closes: number[] = [];
afterAll(() => left?.disconnect());

describe('useMockCentrifugoV6 with the centrifuge SDK', () => {
  it('gives the websocket URL and a token maker', async () => {
    const client = new Centrifuge(centrifugo.wsUrl, {
      websocket: WebSocket,
      token: await centrifugo.connectionToken('ann', { info: { name: 'Ann' } }),
      minReconnectDelay: 60_000,
    });
    client.on('disconnected', (ctx) => closes.push(ctx.code));
    client.on('connecting', (ctx) => closes.push(ctx.code));
    const sub = client.newSubscription('chat:lobby');
    const got = new Promise((resolve) => sub.on('publication', (ctx) => resolve(ctx.data)));
    sub.subscribe();
    client.connect();
    await sub.ready(5000);
    const api = new Client({ url: centrifugo.url, apiKey: centrifugo.apiKey });
    await api.publish({ channel: 'chat:lobby', data: { text: 'hi' } });
    await api.close();
    expect(await got).toEqual({ text: 'hi' });
    expect(centrifugo.wsConnections()).toMatchObject([{ user: 'ann', connected: true, channels: ['chat:lobby'] }]);
    left = client;
  });

  it('starts the next test with no websocket connection: the reset closed it with 3001', async () => {
    expect(centrifugo.wsConnections()).toEqual([]);
    for (let i = 0; i < 50 && !closes.includes(3001); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closes).toContain(3001);
  });

  it('refuses to make a token without a user string', async () => {
    await expect(centrifugo.connectionToken(42 as unknown as string)).rejects.toThrow(/user/);
  });
});
