/**
 * The mock's own controls over websocket connections (issue 15 §3), and what the goldens do not
 * show: real connections count beside fake clients in presence, channels and info; the list of
 * connections; dropping one with a code; delaying and dropping a channel's pushes; protobuf
 * refused at the handshake; a reader too slow for its queue closed with 3008.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordingConfig } from '../../../../../test/support/centrifugo-v6.js';
import { connectFake } from '../../../src/v6/engine/fake-clients.js';
import { executeV6 } from '../../../src/v6/api/execute.js';
import { SdkEnv } from './support/sdk-env.js';
import { startWsTestServer, type WsTestServer } from './support/ws-server.js';

let server: WsTestServer;
let env: SdkEnv;
beforeAll(async () => {
  server = await startWsTestServer({ ...recordingConfig, client: { ...(recordingConfig['client'] as object), queue_max_size: 4096 } });
});
afterAll(async () => server.stop());
beforeEach(() => {
  env?.close();
  server.transport.faults.clear();
  server.node.reset();
  env = new SdkEnv(server.url, server.wsUrl);
});

const api = (method: string, body: object) => JSON.parse(executeV6(server.node, { method: 'POST', target: `/api/${method}`, rawHeaders: ['X-API-Key', 'k1'], body: Buffer.from(JSON.stringify(body)) }).body) as { result: any };

async function subscribed(who: string, user: string, channel: string) {
  const c = env.client(who, { token: await env.token({ sub: user }) });
  const sub = env.subscription(c, who, channel);
  sub.subscribe();
  c.connect();
  await sub.ready(5000);
  return { c, sub };
}

describe('websocket connections beside fake clients', () => {
  it('count in presence, presence stats, channels and info together', async () => {
    await subscribed('A', 'u1', 'pres:r');
    connectFake(server.node, { user: 'fake', client: 'fake-1', channels: ['pres:r'] });
    expect(Object.values(api('presence', { channel: 'pres:r' }).result.presence).map((p: any) => p.user).sort()).toEqual(['fake', 'u1']);
    expect(api('presence_stats', { channel: 'pres:r' }).result).toEqual({ num_clients: 2, num_users: 2 });
    expect(api('channels', {}).result).toEqual({ channels: { 'pres:r': { num_clients: 2 } } });
    expect(api('info', {}).result.nodes[0]).toMatchObject({ num_clients: 2, num_users: 2, num_channels: 1, num_subs: 2 });
    await env.log.waitFor('A/pres:r join', 2);
    expect(env.log.lines.filter((l) => l.includes('join')).at(-1)).toContain('"user":"fake"');
  });

  it('a fake client sees the websocket client publish; the API disconnect reaches both kinds', async () => {
    await subscribed('A', 'u1', 'news');
    const fake = connectFake(server.node, { user: 'u1', client: 'fake-2', channels: ['news'] });
    const a = server.transport.list()[0];
    expect(a).toMatchObject({ user: 'u1', connected: true, channels: ['news'] });
    api('publish', { channel: 'news', data: { n: 1 } });
    await env.log.waitFor('A/news publication');
    expect(fake.sink.pushes).toEqual(['{"push":{"channel":"news","pub":{"data":{"n":1}}}}']);
    api('disconnect', { user: 'u1' });
    await env.log.waitFor('A disconnected');
    expect(fake.sink.closed).toEqual({ code: 3503, reason: 'force disconnect' });
    expect(server.node.connections.numClients).toBe(0);
  });
});

describe('controls', () => {
  it('lists connections and drops one with the code and reason given', async () => {
    await subscribed('A', 'u1', 'news');
    const [a] = server.transport.list();
    expect(server.transport.drop(a?.client as string, 4500, 'test says bye')).toBe(true);
    await env.log.waitFor('A disconnected');
    expect(env.log.lines.at(-1)).toBe('A disconnected {"code":4500,"reason":"test says bye"}');
    expect(server.transport.drop('no-such-client')).toBe(false);
    expect(server.transport.list()).toEqual([]);
  });

  it('drops the pushes of a channel for `times` pushes, then delivers again', async () => {
    await subscribed('A', 'u1', 'news');
    server.transport.faults.add({ type: 'drop', channel: 'news', times: 1 });
    api('publish', { channel: 'news', data: { n: 1 } });
    api('publish', { channel: 'news', data: { n: 2 } });
    await env.log.waitFor('A/news publication');
    expect(env.log.lines.filter((l) => l.includes('publication'))).toEqual(['A/news publication {"data":{"n":2}}']);
    expect(server.transport.faults.list()).toEqual([]);
  });

  it('delays the pushes of one channel and keeps their order; other channels are not held', async () => {
    const { c } = await subscribed('A', 'u1', 'news');
    const other = env.subscription(c, 'A', 'hist:d');
    other.subscribe();
    await other.ready(5000);
    server.transport.faults.add({ type: 'delay', channel: 'news', ms: 300 });
    api('publish', { channel: 'news', data: { n: 1 } });
    api('publish', { channel: 'news', data: { n: 2 } });
    api('publish', { channel: 'hist:d', data: { n: 3 } });
    await env.log.waitFor('publication', 3);
    expect(env.log.lines.filter((l) => l.includes('publication'))).toEqual([
      'A/hist:d publication {"data":{"n":3},"offset":1}',
      'A/news publication {"data":{"n":1}}',
      'A/news publication {"data":{"n":2}}',
    ]);
  });

  it('refuses a protobuf client at the handshake, saying why', async () => {
    const refused = await new Promise<{ status: number; body: string }>((resolve) => {
      const ws = new WebSocket(`${server.wsUrl}?format=protobuf`);
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.on('error', () => undefined);
    });
    expect(refused).toEqual({ status: 400, body: 'the centkit mock speaks only the JSON client protocol (centrifuge-json), not protobuf\n' });
  });

  it('closes a connection with 3008 once more than client.queue_max_size bytes wait to be sent', async () => {
    const ws = new WebSocket(server.wsUrl);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ id: 1, connect: { token: await env.token({ sub: 'u9' }) } }) + '\n' + JSON.stringify({ id: 2, subscribe: { channel: 'news' } }));
    await new Promise((resolve) => ws.once('message', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    // one burst in one tick: nothing is written in between
    for (let i = 0; i < 100 && server.node.connections.numClients > 0; i += 1) api('publish', { channel: 'news', data: { blob: 'x'.repeat(1000), i } });
    expect(server.node.connections.numClients).toBe(0);
    expect(await closed).toBe(3008);
  });
});
