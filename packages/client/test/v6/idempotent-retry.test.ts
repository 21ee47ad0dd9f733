/**
 * Safe retries of writes (issue 13 §9) against the real Centrifugo v6.9.1: a publish whose
 * connection dies after the server ran it is retried with the same idempotency key and is in
 * history once; the client resolves with the position the server cached for that key.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { API_KEY, describeWithCentrifugo, startCentrifugo, type RealCentrifugo } from '../../../../test/support/centrifugo-v6.js';
import { CentTransportError, type EnvelopeClientOptions, type MethodTable } from '../../src/v6/index.js';
import { rejectionOf } from '../support/net.js';
import { protocolBinding, TestClient } from './support/v6-client.js';
import { TcpProxy } from './support/tcp-proxy.js';

const RETRY = { attempts: 3, minDelay: 1, maxDelay: 5 };
const channel = (): string => `hist:idem-${randomUUID().slice(0, 8)}`;

describeWithCentrifugo('idempotent retries against the real Centrifugo v6.9.1', () => {
  let server: RealCentrifugo;
  let proxy: TcpProxy;
  let direct: TestClient;
  const clients: TestClient[] = [];
  const viaProxy = (options: Partial<EnvelopeClientOptions> = {}, methods: MethodTable = protocolBinding.methods): TestClient => {
    const c = new TestClient({ url: proxy.url, apiKey: API_KEY, ...options }, { methods });
    clients.push(c);
    return c;
  };
  const keys = (): unknown[] => proxy.bodies().map((body) => (JSON.parse(body) as { idempotency_key?: unknown }).idempotency_key);

  beforeAll(async () => {
    server = await startCentrifugo();
    direct = new TestClient({ url: server.url, apiKey: API_KEY });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await proxy.close();
  });
  afterAll(async () => {
    await direct?.close();
    await server?.stop();
  });
  // A fresh proxy per test: its record of connections starts empty.
  beforeEach(async () => {
    proxy = await TcpProxy.start(server.port);
  });

  it('a publish that ran but lost its reply is retried with the same key, appears once, and resolves with the cached position', async () => {
    const ch = channel();
    await direct.publish({ channel: ch, data: 'before' });
    proxy.dropNextReplies(1);
    const result = await viaProxy({ retry: RETRY }).publish({ channel: ch, data: { n: 1 } });

    const history = await direct.history({ channel: ch, limit: -1 });
    expect(history.publications).toEqual([
      { data: 'before', offset: 1 },
      { data: { n: 1 }, offset: 2 },
    ]);
    expect(result).toEqual({ offset: 2, epoch: history.epoch });
    const [first, second] = keys();
    expect(keys()).toHaveLength(2);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toBe(first);
  });

  it('the caller\'s own key is kept', async () => {
    const ch = channel();
    proxy.dropNextReplies(1);
    await viaProxy({ retry: RETRY }).publish({ channel: ch, data: 1, idempotency_key: 'my-key-1' });
    expect(keys()).toEqual(['my-key-1', 'my-key-1']);
    expect((await direct.history({ channel: ch, limit: -1 })).publications).toHaveLength(1);
  });

  it('broadcast too: once per channel', async () => {
    const channels = [channel(), channel()];
    proxy.dropNextReplies(1);
    const result = await viaProxy({ retry: RETRY }).broadcast({ channels, data: 'b' });
    expect(result).toMatchObject({ responses: [{ result: { offset: 1 } }, { result: { offset: 1 } }] });
    for (const ch of channels) expect((await direct.history({ channel: ch, limit: -1 })).publications).toHaveLength(1);
  });

  it('a write whose method takes no key is not re-sent: it ran once and the error says it may have', async () => {
    const ch = channel();
    proxy.dropNextReplies(1);
    const error = await rejectionOf(viaProxy({ retry: RETRY }, { ...protocolBinding.methods, publish: { effect: 'write' } }).publish({ channel: ch, data: 1 }));
    expect(error).toBeInstanceOf(CentTransportError);
    expect(error).toMatchObject({ mayHaveReachedServer: true, attempts: 1 });
    expect(keys()).toEqual([undefined]);
    expect((await direct.history({ channel: ch, limit: -1 })).publications).toHaveLength(1);
  });

  it('without retries no key is added, and the lost reply is reported as maybe run', async () => {
    const ch = channel();
    proxy.dropNextReplies(1);
    const error = await rejectionOf(viaProxy().publish({ channel: ch, data: 1 }));
    expect(error).toMatchObject({ name: 'CentTransportError', mayHaveReachedServer: true, attempts: 1 });
    expect(keys()).toEqual([undefined]);
  });

  it('a read that lost its reply is retried', async () => {
    const ch = channel();
    await direct.publish({ channel: ch, data: 1 });
    proxy.dropNextReplies(1);
    await expect(viaProxy({ retry: RETRY }).history({ channel: ch, limit: -1 })).resolves.toMatchObject({ publications: [{ data: 1 }] });
    expect(proxy.sent).toHaveLength(2);
  });
});
