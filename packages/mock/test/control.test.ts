import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MockContractError, MockUsageError, startMockCentrifugo, type MockCentrifugo } from '../src/index.js';
import { control, rawRequest } from './support/http.js';
import { loadOracleConfig } from './support/golden.js';

let mock: MockCentrifugo;
beforeAll(async () => {
  mock = await startMockCentrifugo({ config: loadOracleConfig(), strict: true });
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

async function api(data: string): Promise<{ status: number; body: unknown }> {
  const res = await rawRequest({
    port: mock.port,
    method: 'POST',
    path: '/api/',
    headers: { 'Content-Type': 'application/json', 'X-API-Sign': mock.sign(data) },
    body: data,
  });
  return {
    status: res.status,
    body: res.headers['content-type'] === 'application/json' ? JSON.parse(res.body) : res.body,
  };
}

describe('fake clients', () => {
  it('drive presence, channels and node counters; unsubscribe and disconnect act on them', async () => {
    const alice = mock.addClient({ user: '42', channels: ['public:chat', 'news'], default_info: { name: '<Alice>' } });
    const { status } = await control(mock.port, 'POST', '/_mock/clients', {
      user: '43',
      client: 'c-43',
      channels: ['public:chat'],
      channel_info: 'x',
    });
    expect(status).toBe(201);
    const presence = await api('{"method":"presence","params":{"channel":"public:chat"}}');
    expect(presence.body).toEqual([
      {
        method: 'presence',
        error: null,
        body: {
          channel: 'public:chat',
          data: {
            [alice.client]: { user: '42', client: alice.client, default_info: { name: '<Alice>' } },
            'c-43': { user: '43', client: 'c-43', channel_info: 'x' },
          },
        },
      },
    ]);
    const node = (await api('{"method":"node"}')).body as [{ body: { data: { metrics: Record<string, number> } } }];
    expect(node[0].body.data.metrics).toMatchObject({
      node_num_clients: 2,
      node_num_unique_clients: 2,
      node_num_channels: 2,
    });
    await api('{"method":"unsubscribe","params":{"user":"42","channel":"public:chat"}}');
    expect(mock.clients().find((c) => c.user === '42')?.channels).toEqual(['news']);
    await api('{"method":"disconnect","params":{"user":"43"}}');
    expect(mock.clients().map((c) => c.user)).toEqual(['42']);
    expect(((await api('{"method":"channels"}')).body as [{ body: { data: string[] } }])[0].body.data).toEqual([
      'news',
    ]);
  });
  it('refuses channels a real client could not subscribe to', async () => {
    expect(() => mock.addClient({ user: 'u', channels: ['unknown:x'] })).toThrow(MockUsageError);
    expect((await control(mock.port, 'POST', '/_mock/clients', { user: 'u', channels: ['unknown:x'] })).status).toBe(
      400,
    );
  });
});

describe('anonymous and limited fake clients, as the real server admits them (16 §11)', () => {
  it('an anonymous client (user "" or no user) subscribes where anonymous is on, and shows in presence', async () => {
    const m = await startMockCentrifugo({
      secret: 's',
      config: {
        namespaces: [
          { name: 'open', anonymous: true, presence: true },
          { name: 'closed', presence: true },
        ],
      },
    });
    try {
      const added = await control(m.port, 'POST', '/_mock/clients', [
        { channels: ['open:x'] },
        { user: '', client: 'anon-2', channels: ['open:x'] },
      ]);
      expect(added.status).toBe(201);
      expect((added.json as { clients: { user: string }[] }).clients.map((c) => c.user)).toEqual(['', '']);
      const data = '{"method":"presence","params":{"channel":"open:x"}}';
      const res = await rawRequest({
        port: m.port,
        method: 'POST',
        path: '/api/',
        headers: { 'Content-Type': 'application/json', 'X-API-Sign': m.sign(data) },
        body: data,
      });
      expect(JSON.parse(res.body)[0].body.data['anon-2']).toEqual({ user: '', client: 'anon-2' });
      const refused = await control(m.port, 'POST', '/_mock/clients', { user: '', channels: ['closed:x'] });
      expect(refused).toMatchObject({
        status: 400,
        json: { error: { code: 'invalid_channel', message: expect.stringContaining('anonymous: true') } },
      });
      expect(() => m.addClient({ user: '42', channels: ['closed:chat#42,43'] })).not.toThrow();
      expect(() => m.addClient({ user: '44', channels: ['closed:chat#42,43'] })).toThrow(/only users "42", "43"/);
      expect(() => m.addClient({ user: '44', client: 'c9', channels: ['closed:x&c9'] })).not.toThrow();
      expect(() => m.addClient({ user: '44', client: 'c8', channels: ['closed:x&c9'] })).toThrow(/permission denied/);
    } finally {
      await m.close();
    }
    const insecure = await startMockCentrifugo({ secret: 's', config: { insecure: true } });
    try {
      expect(insecure.addClient({ channels: ['news'] }).user).toBe('');
    } finally {
      await insecure.close();
    }
  });
});

describe('recorded commands', () => {
  it('records every command in order with params, outcome and body, filterable over HTTP', async () => {
    await api(
      '[{"method":"publish","params":{"channel":"public:a","data":1}},{"method":"history","params":{"channel":"nopub:x"}}]',
    );
    const all = mock.commands();
    expect(all.map((c) => [c.method, c.outcome, c.error])).toEqual([
      ['publish', 'ok', null],
      ['history', 'error', 'not available'],
    ]);
    expect(all[0]?.params).toEqual({ channel: 'public:a', data: 1 });
    expect(all[0]?.requestId).toBe(all[1]?.requestId);
    const { json } = await control(mock.port, 'GET', '/_mock/commands?method=publish&channel=public:a');
    expect((json as { commands: unknown[] }).commands).toHaveLength(1);
    await control(mock.port, 'DELETE', '/_mock/commands');
    expect(mock.commands()).toEqual([]);
  });
  it('waitFor resolves on a later command, in code and by HTTP long-poll', async () => {
    const waiting = mock.waitFor({ method: 'publish', channel: 'public:later' }, { timeout: 2000 });
    const since = mock.lastSeq;
    const polled = control(mock.port, 'GET', `/_mock/commands/wait?method=publish&since=${since}&timeout=2000`);
    setTimeout(() => void api('{"method":"publish","params":{"channel":"public:later","data":"x"}}'), 50);
    expect((await waiting).params).toEqual({ channel: 'public:later', data: 'x' });
    const res = await polled;
    expect(res.status).toBe(200);
    expect((res.json as { command: { method: string } }).command.method).toBe('publish');
    await expect(mock.waitFor({ method: 'broadcast' }, { timeout: 50 })).rejects.toMatchObject({
      name: 'MockTimeoutError',
      code: 'wait_timeout',
    });
    expect((await control(mock.port, 'GET', '/_mock/commands/wait?method=node&timeout=30')).status).toBe(408);
  });
});

describe('faults', () => {
  it('forces a status for the next N requests, then behaves again', async () => {
    mock.injectFault({ type: 'status', status: 500, times: 1 });
    expect((await api('{"method":"channels"}')).status).toBe(500);
    expect((await api('{"method":"channels"}')).status).toBe(200);
    expect(mock.commands({ method: 'channels' })).toHaveLength(1);
  });
  it('drops the connection', async () => {
    await control(mock.port, 'POST', '/_mock/faults', { type: 'drop', times: 1, method: 'publish' });
    await expect(api('{"method":"publish","params":{"channel":"public:d","data":1}}')).rejects.toThrow();
    expect((await api('{"method":"publish","params":{"channel":"public:d","data":1}}')).status).toBe(200);
  });
  it('adds latency', async () => {
    mock.injectFault({ type: 'latency', ms: 150, times: 1 });
    const t = performance.now();
    await api('{"method":"channels"}');
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
  });
  it('forces a soft error for one channel until cleared; nothing is stored', async () => {
    const f = mock.injectFault({ type: 'soft-error', channel: 'public:bad' });
    const r = await api(
      '[{"method":"publish","params":{"channel":"public:bad","data":1}},{"method":"publish","params":{"channel":"public:ok","data":1}}]',
    );
    expect(r.body).toEqual([
      { method: 'publish', error: 'internal server error', body: null },
      { method: 'publish', error: null, body: null },
    ]);
    expect(mock.history('public:bad')).toEqual([]);
    expect(mock.removeFault(f.id)).toBe(true);
    expect((await api('{"method":"publish","params":{"channel":"public:bad","data":1}}')).body).toEqual([
      { method: 'publish', error: null, body: null },
    ]);
  });
  it('refuses soft errors for methods whose error catalogue has no engine failure', () => {
    expect(() => mock.injectFault({ type: 'soft-error', method: 'stats' })).toThrow(/stats cannot fail/);
  });
});

describe('strict mode', () => {
  it('records refused requests as violations naming the path; the HTTP answer stays the real one', async () => {
    expect(
      (
        await api(
          '[{"method":"publish","params":{"channel":"public:a","data":1}},{"method":"publish","params":{"channel":5,"data":1}}]',
        )
      ).status,
    ).toBe(400);
    expect(mock.history('public:a')).toHaveLength(1);
    expect(mock.violations).toMatchObject([
      { status: 400, kind: 'params', method: 'publish', index: 1, path: '/1/params/channel' },
    ]);
    expect(mock.violations[0]?.schemaIssues.map((i) => i.path)).toContain('/channel');
    expect(() => mock.assertNoViolations()).toThrow(MockContractError);
    expect(() => mock.assertNoViolations()).toThrow(/\/1\/params\/channel: must be a string/);
    const bad = await rawRequest({
      port: mock.port,
      method: 'POST',
      path: '/api/',
      headers: { 'Content-Type': 'application/json', 'X-API-Sign': 'x'.repeat(64) },
      body: '{}',
    });
    expect(bad.status).toBe(401);
    expect(mock.violations.at(-1)).toMatchObject({ status: 401, kind: 'sign' });
    mock.reset();
    expect(() => mock.assertNoViolations()).not.toThrow();
  });

  it('has the schema judge params as the server reads them: key case and duplicates raise no warning', async () => {
    const warnings: string[] = [];
    const m = await startMockCentrifugo({
      config: loadOracleConfig(),
      strict: true,
      logger: { debug() {}, info() {}, error() {}, warn: (w) => warnings.push(w) },
    });
    try {
      const send = (data: string) =>
        rawRequest({
          port: m.port,
          method: 'POST',
          path: '/api/',
          headers: { 'Content-Type': 'application/json', 'X-API-Sign': m.sign(data) },
          body: data,
        });
      expect((await send('{"method":"publish","params":{"CHANNEL":"public:a","Data":1}}')).status).toBe(200);
      expect((await send('{"method":"publish","params":{"channel":"public:a","data":1,"Channel":5}}')).status).toBe(
        400,
      );
      expect(warnings).toEqual([]);
      expect(m.violations.map((v) => [v.path, v.schemaIssues.map((i) => i.path)])).toEqual([
        ['/params/channel', ['/channel']],
      ]);
    } finally {
      await m.close();
    }
  });
});

describe('history peek and reset', () => {
  it('shows stored messages and forgets everything on reset', async () => {
    await api('{"method":"publish","params":{"channel":"public:h","data":{"a":[1,2]},"client":"c1","uid":"m1"}}');
    expect(mock.history('public:h')).toEqual([{ uid: 'm1', channel: 'public:h', data: { a: [1, 2] }, client: 'c1' }]);
    expect((await control(mock.port, 'POST', '/_mock/reset')).status).toBe(200);
    expect(mock.history('public:h')).toEqual([]);
  });
});

describe('the control API refuses what it would otherwise misread (16 §13)', () => {
  it.each([
    ['GET', '/_mock/commands?outcome=bogus', undefined, 'outcome'],
    ['GET', '/_mock/commands?chanel=public:a', undefined, '"chanel"'],
    ['GET', '/_mock/commands?transport=tcp', undefined, 'transport'],
    ['GET', '/_mock/commands?since=abc', undefined, 'since'],
    ['GET', '/_mock/commands?method=a&method=b', undefined, 'given twice'],
    ['GET', '/_mock/commands/wait?timeout=abc', undefined, 'timeout'],
    ['GET', '/_mock/commands/wait?timeout=60001', undefined, 'timeout'],
    ['GET', '/_mock/commands/wait?since=-1', undefined, 'since'],
    ['GET', '/_mock/clients?user=1', undefined, '"user"'],
    ['GET', '/_mock/history?channel=a&chanel=b', undefined, '"chanel"'],
    ['POST', '/_mock/faults', { type: 'status', status: 500, method: 'pubish' }, '"pubish"'],
    ['POST', '/_mock/faults', { type: 'status', status: 100 }, 'fault.status'],
    ['POST', '/_mock/faults', { type: 'status', status: 101 }, 'fault.status'],
    ['POST', '/_mock/faults', { type: 'latency', ms: 10, tiems: 1 }, '"tiems"'],
    ['POST', '/_mock/clients', { user: 'a', chanels: ['public:a'] }, '"chanels"'],
    ['DELETE', '/_mock/faults/abc', undefined, 'fault id'],
  ])('%s %s %j: 400 naming %s', async (method, path, body, named) => {
    const res = await control(mock.port, method, path, body);
    expect(res.status).toBe(400);
    expect((res.json as { error: { message: string } }).error.message).toContain(named);
  });
  it('a list of clients is added whole or not at all', async () => {
    const res = await control(mock.port, 'POST', '/_mock/clients', [
      { user: 'a', client: 'ok-1' },
      { user: 'b', channels: ['unknown:x'] },
    ]);
    expect(res.status).toBe(400);
    expect((res.json as { error: { message: string } }).error.message).toContain('clients[1]');
    expect(mock.clients()).toEqual([]);
    expect(
      (
        await control(mock.port, 'POST', '/_mock/clients', [
          { user: 'a', client: 'same' },
          { user: 'b', client: 'same' },
        ])
      ).status,
    ).toBe(400);
    expect(mock.clients()).toEqual([]);
  });
  it('a client id is unescaped once', async () => {
    mock.addClient({ user: 'u', client: 'a%41' });
    mock.addClient({ user: 'u', client: '100%' });
    expect((await control(mock.port, 'DELETE', '/_mock/clients/a%2541')).status).toBe(200);
    expect((await control(mock.port, 'DELETE', '/_mock/clients/100%25')).status).toBe(200);
    expect(mock.clients()).toEqual([]);
  });
  it('well-formed requests still work', async () => {
    expect(
      (await control(mock.port, 'GET', '/_mock/commands?method=publish&channel=x&transport=http&outcome=ok&since=0'))
        .status,
    ).toBe(200);
    expect(
      (await control(mock.port, 'POST', '/_mock/faults', { type: 'status', status: 503, method: 'publish', times: 1 }))
        .status,
    ).toBe(201);
    expect((await control(mock.port, 'GET', '/_mock/commands/wait?method=nothing&timeout=0')).status).toBe(408);
  });
});

describe('deeply nested data (16 §5)', () => {
  it('a publish nested 5,000 deep (Go takes 10,000) is shown by the control API', async () => {
    const depth = 5000;
    const data = `{"method":"publish","params":{"channel":"public:deep","data":${'['.repeat(depth)}1${']'.repeat(depth)}}}`;
    expect((await api(data)).status).toBe(200);
    const commands = await rawRequest({ port: mock.port, method: 'GET', path: '/_mock/commands?method=publish' });
    expect(commands.status).toBe(200);
    const parsed = JSON.parse(commands.body) as { commands: [{ paramsJson: string; params: { data: unknown } }] };
    expect(parsed.commands[0].paramsJson).toBe(data.slice(data.indexOf('{"channel"'), -1));
    const waited = await rawRequest({
      port: mock.port,
      method: 'GET',
      path: '/_mock/commands/wait?method=publish&timeout=100',
    });
    expect(waited.status).toBe(200);
    const history = await rawRequest({ port: mock.port, method: 'GET', path: '/_mock/history?channel=public:deep' });
    expect(history.status).toBe(200);
    let level: unknown = (JSON.parse(history.body) as { messages: [{ data: unknown }] }).messages[0].data;
    let seen = 0;
    while (Array.isArray(level)) {
      level = level[0];
      seen += 1;
    }
    expect(seen).toBe(depth);
  });
});

describe('http_prefix and closing', () => {
  it('serves the API under the prefix and answers 503 once closing', async () => {
    const m = await startMockCentrifugo({ secret: 's', config: { http_prefix: '/c' } });
    const data = '{"method":"channels"}';
    const ok = await rawRequest({
      port: m.port,
      method: 'POST',
      path: '/c/api/',
      headers: { 'Content-Type': 'application/json', 'X-API-Sign': m.sign(data) },
      body: data,
    });
    expect(ok.status).toBe(200);
    expect(m.apiUrl).toBe(`${m.url}/c/api/`);
    expect((await rawRequest({ port: m.port, method: 'GET', path: '/api/' })).status).toBe(404);
    await m.close();
    await expect(rawRequest({ port: m.port, method: 'GET', path: '/c/api/' })).rejects.toThrow();
  });
  it('listens on another address when asked, and says so (16 §12)', async () => {
    const warnings: string[] = [];
    const m = await startMockCentrifugo({
      host: '0.0.0.0',
      secret: 's',
      logger: { debug() {}, info() {}, error() {}, warn: (w) => warnings.push(w) },
    });
    try {
      expect((await rawRequest({ port: m.port, method: 'GET', path: '/' })).status).toBe(404);
      expect(warnings).toEqual([expect.stringContaining('listening on 0.0.0.0')]);
    } finally {
      await m.close();
    }
  });
  it('warns at start-up when there is no secret (16 §12)', async () => {
    const warnings: string[] = [];
    const m = await startMockCentrifugo({
      logger: { debug() {}, info() {}, error() {}, warn: (w) => warnings.push(w) },
    });
    await m.close();
    expect(warnings).toEqual([expect.stringContaining('no secret set in config')]);
  });
});
