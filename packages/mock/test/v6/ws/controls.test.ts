/**
 * The mock's own controls over websocket connections (issue 15 §3), and what the goldens do not
 * show: real connections count beside fake clients in presence, channels and info; the list of
 * connections; dropping one with a code; delaying and dropping a channel's pushes; protobuf
 * refused at the handshake; a reader too slow for its queue closed with 3008.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordingConfig } from '../../../../../test/support/centrifugo-v6.js';
import { SdkEnv } from './support/sdk-env.js';
import { startWsTestServer, type WsTestServer } from './support/ws-server.js';

let server: WsTestServer;
let env: SdkEnv;
beforeAll(async () => {
  server = await startWsTestServer({
    ...recordingConfig,
    client: { ...(recordingConfig['client'] as object), queue_max_size: 4096 },
  });
});
afterAll(async () => server.stop());
beforeEach(() => {
  env?.close();
  server.mock.reset();
  env = new SdkEnv(server.url, server.wsUrl);
});

/** A server API call answered synchronously enough for a burst: the mock's own HTTP API. */
const api = async (method: string, body: object) =>
  (await (
    await fetch(`${server.url}/api/${method}`, {
      method: 'POST',
      headers: { 'X-API-Key': 'k1' },
      body: JSON.stringify(body),
    })
  ).json()) as { result: any };
const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${server.url}/_mock${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
};

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
    server.mock.addClient({ user: 'fake', client: 'fake-1', channels: ['pres:r'] });
    expect(
      Object.values((await api('presence', { channel: 'pres:r' })).result.presence)
        .map((p: any) => p.user)
        .sort(),
    ).toEqual(['fake', 'u1']);
    expect((await api('presence_stats', { channel: 'pres:r' })).result).toEqual({ num_clients: 2, num_users: 2 });
    expect((await api('channels', {})).result).toEqual({ channels: { 'pres:r': { num_clients: 2 } } });
    expect((await api('info', {})).result.nodes[0]).toMatchObject({
      num_clients: 2,
      num_users: 2,
      num_channels: 1,
      num_subs: 2,
    });
    await env.log.waitFor('A/pres:r join', 2);
    expect(env.log.lines.filter((l) => l.includes('join')).at(-1)).toContain('"user":"fake"');
  });

  it('a fake client sees the websocket client publish; the API disconnect reaches both kinds', async () => {
    await subscribed('A', 'u1', 'news');
    server.mock.addClient({ user: 'u1', client: 'fake-2', channels: ['news'] });
    expect(server.mock.wsConnections()).toMatchObject([{ user: 'u1', connected: true, channels: ['news'] }]);
    await api('publish', { channel: 'news', data: { n: 1 } });
    await env.log.waitFor('A/news publication');
    expect(server.mock.client('fake-2')).toMatchObject({
      pushes: [{ push: { channel: 'news', pub: { data: { n: 1 } } } }],
    });
    await api('disconnect', { user: 'u1' });
    await env.log.waitFor('A disconnected');
    expect(server.mock.client('fake-2')).toMatchObject({ closed: { code: 3503, reason: 'force disconnect' } });
    expect((await api('info', {})).result.nodes[0]).toMatchObject({ num_clients: 0 });
  });
});

describe('controls', () => {
  it('lists connections and drops one with the code and reason given, in code', async () => {
    await subscribed('A', 'u1', 'news');
    const [a] = server.mock.wsConnections();
    expect(server.mock.dropConnection(a?.client as string, 4500, 'test says bye')).toBe(true);
    await env.log.waitFor('A disconnected');
    expect(env.log.lines.at(-1)).toBe('A disconnected {"code":4500,"reason":"test says bye"}');
    expect(server.mock.dropConnection('no-such-client')).toBe(false);
    expect(() => server.mock.dropConnection('x', 1000)).toThrow(/3000-4999/);
    expect(server.mock.wsConnections()).toEqual([]);
  });

  it('the same over /_mock/ws: connections, disconnect, faults, a token', async () => {
    const token = (await control('POST', '/ws/token', { user: 'u7', info: { name: 'Seven' } })).body.token as string;
    const c = env.client('A', { token });
    const sub = env.subscription(c, 'A', 'news');
    sub.subscribe();
    c.connect();
    await sub.ready(5000);
    const listed = await control('GET', '/ws/connections');
    expect(listed).toMatchObject({
      status: 200,
      body: { connections: [{ user: 'u7', connected: true, channels: ['news'] }] },
    });
    const fault = await control('POST', '/ws/faults', { type: 'drop', channel: 'news' });
    expect(fault).toMatchObject({
      status: 201,
      body: { id: expect.any(Number), spec: { type: 'drop', channel: 'news' } },
    });
    expect((await control('GET', '/ws/faults')).body.faults).toHaveLength(1);
    await api('publish', { channel: 'news', data: { n: 1 } });
    expect((await control('DELETE', `/ws/faults/${fault.body.id as number}`)).body).toEqual({ removed: true });
    await api('publish', { channel: 'news', data: { n: 2 } });
    await env.log.waitFor('A/news publication');
    const client = listed.body.connections[0].client as string;
    expect(
      (await control('POST', `/ws/connections/${client}/disconnect`, { code: 4001, reason: 'again' })).body,
    ).toEqual({ disconnected: client });
    await env.log.waitFor('A connecting', 2);
    expect(env.log.lines.filter((l) => l.includes('publication') || l.includes('4001'))).toEqual([
      'A/news publication {"data":{"n":2}}',
      'A connecting {"code":4001,"reason":"again"}',
    ]);
    expect((await control('POST', '/ws/faults', { type: 'slow' })).status).toBe(400);
    expect((await control('POST', '/ws/connections/nobody/disconnect', {})).status).toBe(400);
  });

  it('drops the pushes of a channel for `times` pushes, then delivers again', async () => {
    await subscribed('A', 'u1', 'news');
    server.mock.injectPushFault({ type: 'drop', channel: 'news', times: 1 });
    await api('publish', { channel: 'news', data: { n: 1 } });
    await api('publish', { channel: 'news', data: { n: 2 } });
    await env.log.waitFor('A/news publication');
    expect(env.log.lines.filter((l) => l.includes('publication'))).toEqual(['A/news publication {"data":{"n":2}}']);
    expect(server.mock.pushFaults()).toEqual([]);
  });

  it('delays the pushes of one channel and keeps their order; other channels are not held', async () => {
    const { c } = await subscribed('A', 'u1', 'news');
    const other = env.subscription(c, 'A', 'hist:d');
    other.subscribe();
    await other.ready(5000);
    server.mock.injectPushFault({ type: 'delay', channel: 'news', ms: 300 });
    await api('publish', { channel: 'news', data: { n: 1 } });
    await api('publish', { channel: 'news', data: { n: 2 } });
    await api('publish', { channel: 'hist:d', data: { n: 3 } });
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
    expect(refused).toEqual({
      status: 400,
      body: 'the centkit mock speaks only the JSON client protocol (centrifuge-json), not protobuf\n',
    });
  });

  it('closes a connection with 3008 once more than client.queue_max_size bytes wait to be sent', async () => {
    const ws = new WebSocket(server.wsUrl);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(
      JSON.stringify({ id: 1, connect: { token: await env.token({ sub: 'u9' }) } }) +
        '\n' +
        JSON.stringify({ id: 2, subscribe: { channel: 'news' } }),
    );
    await new Promise((resolve) => ws.once('message', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    // one batch: its publications are delivered in one turn of the event loop, nothing written in between
    const commands = Array.from({ length: 20 }, (_, i) => ({
      publish: { channel: 'news', data: { blob: 'x'.repeat(1000), i } },
    }));
    await api('batch', { commands });
    expect(await closed).toBe(3008);
    expect(server.mock.wsConnections()).toEqual([]);
  });
});
