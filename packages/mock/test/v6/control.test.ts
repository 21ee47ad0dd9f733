/**
 * The v6 mock's test controls, in code and over `/_mock/`: fake clients that the server API acts
 * on (pushes, closes, presence, channels, info), recorded commands typed by method, faults, strict
 * contract violations, reset; and the vitest helper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingConfig } from '../../../../test/support/centrifugo-v6.js';
import { startMockCentrifugoV6, type MockCentrifugoV6, type RecordedCommandV6 } from '../../src/v6/index.js';
import { useMockCentrifugoV6 } from '../../src/v6/vitest.js';
import { closeAgents, rawRequest } from './support/raw-http.js';

let mock: MockCentrifugoV6;
beforeAll(async () => {
  mock = await startMockCentrifugoV6({ config: recordingConfig, strict: true });
});
afterAll(async () => {
  closeAgents();
  await mock.close();
});

const api = async (method: string, params: unknown, headers: [string, string][] = [['X-API-Key', 'k1']]) => {
  const r = await rawRequest(mock.url, 'POST', `/api/${method}`, headers, JSON.stringify(params));
  return { status: r.status, body: r.body.toString('utf8') };
};
const control = async (method: string, path: string, body?: unknown) => {
  const r = await rawRequest(mock.url, method, `/_mock${path}`, [], body === undefined ? '' : JSON.stringify(body));
  return { status: r.status, json: JSON.parse(r.body.toString('utf8')) as Record<string, any> };
};

describe('v6 fake clients', () => {
  it('count in presence, channels and info, and receive what the server API sends them', async () => {
    mock.reset();
    const added = await control('POST', '/clients', [
      { user: 'u1', client: 'c1', info: { name: 'A' }, channels: ['pres:r', 'news'] },
      { user: 'u1', client: 'c2', channels: ['pres:r'] },
    ]);
    expect(added.status).toBe(201);
    expect(added.json['clients'][0]).toMatchObject({
      client: 'c1',
      user: 'u1',
      channels: ['pres:r', 'news'],
      connected: true,
    });
    expect(JSON.parse((await api('presence', { channel: 'pres:r' })).body)).toEqual({
      result: {
        presence: { c1: { user: 'u1', client: 'c1', conn_info: { name: 'A' } }, c2: { user: 'u1', client: 'c2' } },
      },
    });
    expect((await api('presence_stats', { channel: 'pres:r' })).body).toBe(
      '{"result":{"num_clients":2,"num_users":1}}',
    );
    expect((await api('channels', { pattern: 'pres:*' })).body).toBe(
      '{"result":{"channels":{"pres:r":{"num_clients":2}}}}',
    );
    expect(JSON.parse((await api('info', {})).body).result.nodes[0]).toMatchObject({
      num_clients: 2,
      num_users: 1,
      num_channels: 2,
      num_subs: 3,
    });
    // c2's subscription made c1 see its join (namespace pres: join_leave, force_push_join_leave)
    expect(mock.client('c1')?.pushes).toContainEqual({
      push: { channel: 'pres:r', join: { info: { user: 'u1', client: 'c2' } } },
    });

    await api('publish', { channel: 'news', data: { text: 'hi' } });
    expect(mock.client('c1')?.pushes.at(-1)).toEqual({ push: { channel: 'news', pub: { data: { text: 'hi' } } } });
    await api('subscribe', { user: 'u1', client: 'c2', channel: 'hist:x', data: { welcome: true } });
    expect(mock.client('c2')?.channels).toEqual(['pres:r', 'hist:x']);
    expect(mock.client('c2')?.pushes.at(-1)).toMatchObject({
      push: { channel: 'hist:x', subscribe: { recoverable: true, positioned: true, data: { welcome: true } } },
    });
    await api('unsubscribe', { user: 'u1', channel: 'news' });
    expect(mock.client('c1')?.channels).toEqual(['pres:r']);
    await api('disconnect', { user: 'u1', whitelist: ['c2'] });
    const clients = (await control('GET', '/clients')).json['clients'] as {
      client: string;
      connected: boolean;
      closed?: unknown;
    }[];
    expect(clients.map((c) => [c.client, c.connected, c.closed])).toEqual([
      ['c1', false, { code: 3503, reason: 'force disconnect' }],
      ['c2', true, undefined],
    ]);
    expect(mock.client('c2')?.pushes.at(-1)).toEqual({
      push: { channel: 'pres:r', leave: { info: { user: 'u1', client: 'c1', conn_info: { name: 'A' } } } },
    });
  });

  it('subscribe and unsubscribe over HTTP; unknown namespaces, ids and bodies are refused with a reason', async () => {
    mock.reset();
    await control('POST', '/clients', { user: 'u9', client: 'x' });
    expect((await control('POST', '/clients/x/channels', { channel: 'pres:q' })).json['client'].channels).toEqual([
      'pres:q',
    ]);
    expect((await control('DELETE', '/clients/x/channels/pres:q')).json['client'].channels).toEqual([]);
    expect(await control('POST', '/clients/x/channels', { channel: 'nope:q' })).toMatchObject({
      status: 400,
      json: { error: { code: 'unknown_channel' } },
    });
    expect(await control('POST', '/clients/zz/channels', { channel: 'news' })).toMatchObject({
      status: 400,
      json: { error: { code: 'unknown_client' } },
    });
    expect(
      await control('POST', '/clients', [
        { user: 'a', client: 'dup' },
        { user: 'b', client: 'dup' },
      ]),
    ).toMatchObject({ status: 400 });
    expect(mock.clients().map((c) => c.client)).toEqual(['x']);
    expect((await control('GET', '/')).json['paths']).toContain(
      'POST /_mock/clients/<client id>/channels {channel}: subscribe a fake client',
    );
  });
});

describe('v6 recorded commands', () => {
  it('records each command of every route, typed by method', async () => {
    mock.reset();
    await api('publish', { channel: 'hist:r', data: 1 });
    await api('batch', { commands: [{ history: { channel: 'hist:r', limit: -1 } }, { nope: {} }, null] });
    await rawRequest(
      mock.url,
      'POST',
      '/api',
      [['X-API-Key', 'k1']],
      '{"method":"presence","params":{"channel":"news"}}',
    );
    await api('publish', { channel: 1 });
    const commands = mock.commands();
    expect(commands.map((c) => [c.method, c.index, c.outcome, c.error])).toEqual([
      ['publish', 0, 'ok', null],
      ['history', 0, 'ok', null],
      ['', 1, 'error', 'not found'],
      ['', 2, 'error', 'bad request'],
      ['presence', 0, 'error', 'not available'],
      ['publish', 0, 'rejected', '/channel: must be a string (got number)'],
    ]);
    const first = commands[0] as RecordedCommandV6;
    if (first.method !== 'publish') throw new Error('a publish first');
    expect(first.params?.channel).toBe('hist:r'); // narrowed to PublishParams
    expect(commands[1]).toMatchObject({
      params: { channel: 'hist:r', limit: -1 },
      body: { publications: [{ data: 1, offset: 1 }], offset: 1 },
    });
    const waited = await mock.waitFor({ method: 'history' });
    expect(waited.channels).toEqual(['hist:r']);
    const over = await control('GET', '/commands/wait?method=publish&channel=later&timeout=2000');
    expect(over.status).toBe(408);
    const later = mock.waitFor({ method: 'broadcast' }, { timeout: 2000 });
    await api('broadcast', { channels: ['news', 'chat'], data: 2 });
    expect((await later).channels).toEqual(['news', 'chat']);
    mock.clearViolations();
  });
});

describe('v6 faults', () => {
  it('delay, replace or drop answers, and put errors in a method’s reply', async () => {
    mock.reset();
    expect(
      mock.injectFault({ type: 'soft-error', method: 'publish', error: 'unknown channel', times: 1 }).id,
    ).toBeGreaterThan(0);
    expect((await api('publish', { channel: 'news', data: 1 })).body).toBe(
      '{"error":{"code":102,"message":"unknown channel"}}',
    );
    expect((await api('publish', { channel: 'news', data: 1 })).body).toBe('{"result":{}}');
    mock.injectFault({ type: 'soft-error', method: 'history' });
    expect(
      (
        await api('batch', {
          commands: [{ history: { channel: 'hist:a' } }, { publish: { channel: 'news', data: 1 } }],
        })
      ).body,
    ).toBe('{"replies":[{"error":{"code":100,"message":"internal server error"}},{"publish":{}}]}');
    mock.clearFaults();
    await control('POST', '/faults', { type: 'status', status: 503, times: 1, method: 'presence' });
    expect((await api('presence', { channel: 'pres:r' })).status).toBe(503);
    expect((await api('presence', { channel: 'pres:r' })).status).toBe(200);
    mock.injectFault({ type: 'drop', times: 1 });
    await expect(api('info', {})).rejects.toThrow();
    expect(() => mock.injectFault({ type: 'soft-error', error: 'teapot' })).toThrow(/numbered error of Centrifugo v6/);
    expect(() => mock.injectFault({ type: 'latency', ms: 1, method: 'connections' })).toThrow();
    closeAgents();
  });
});

describe('v6 strict mode', () => {
  it('records what the real server refuses, with what the wire schema says', async () => {
    mock.reset();
    await api('publish', { channel: 'news', data: 1 }, []);
    await rawRequest(mock.url, 'GET', '/api/publish', [['X-API-Key', 'k1']], '');
    await api('nope', {});
    await api('history', { channel: 'hist:a', limit: 2147483648 });
    await rawRequest(mock.url, 'POST', '/api/publish', [['X-API-Key', 'k1']], '{"channel":');
    expect(mock.violations.map((v) => [v.status, v.kind, v.method])).toEqual([
      [401, 'auth', undefined],
      [405, 'method', undefined],
      [404, 'route', undefined],
      [400, 'params', 'history'],
      [400, 'data', 'publish'],
    ]);
    expect(mock.violations[3]?.schemaIssues.map((i) => i.path)).toEqual(['/limit']);
    expect(() => mock.assertNoViolations()).toThrow(/5 request\(s\) would be refused/);
    expect((await control('GET', '/violations')).json['violations']).toHaveLength(5);
    await control('DELETE', '/violations');
    expect(() => mock.assertNoViolations()).not.toThrow();
  });

  it('has the wire schema judge params as the server reads them (key case, the first bad duplicate)', async () => {
    mock.reset();
    await rawRequest(
      mock.url,
      'POST',
      '/api/publish',
      [['X-API-Key', 'k1']],
      '{"Channel":5,"channel":"news","data":1}',
    );
    expect(mock.violations.map((v) => [v.status, v.kind, v.path, v.schemaIssues.map((i) => i.path)])).toEqual([
      [400, 'params', '/channel', ['/channel']],
    ]);
  });
});

describe('useMockCentrifugoV6', () => {
  const helper = useMockCentrifugoV6({ config: { http_api: { key: 'hk' } } });
  it('gives each file a mock, fresh for each test', async () => {
    const r = await rawRequest(
      helper.url,
      'POST',
      '/api/publish',
      [['X-API-Key', helper.apiKey]],
      '{"channel":"c","data":1}',
    );
    expect(r.status).toBe(200);
    expect(helper.commands()).toHaveLength(1);
  });
  it('(the next test starts without the first test’s records)', () => {
    expect(helper.commands()).toEqual([]);
  });
});
