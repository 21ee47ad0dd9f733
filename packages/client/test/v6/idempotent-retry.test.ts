/**
 * Safe retries of writes (issue 13 §9) through the generated v6 client against the real
 * Centrifugo v6.9.1: a publish whose connection dies after the server ran it is retried with the
 * same idempotency key and is in history once; the client resolves with the position the server
 * cached for that key. map_publish, map_remove and a batch the same way.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  API_KEY,
  describeWithCentrifugo,
  startCentrifugo,
  type RealCentrifugo,
} from '../../../../test/support/centrifugo-v6.js';
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
  const viaProxy = (
    options: Partial<EnvelopeClientOptions> = {},
    methods: MethodTable = protocolBinding.methods,
  ): TestClient => {
    const c = new TestClient({ url: proxy.url, apiKey: API_KEY, validateReplies: true, ...options }, { methods });
    clients.push(c);
    return c;
  };
  const keys = (): unknown[] =>
    proxy.bodies().map((body) => (JSON.parse(body) as { idempotency_key?: unknown }).idempotency_key);

  beforeAll(async () => {
    server = await startCentrifugo();
    direct = new TestClient({ url: server.url, apiKey: API_KEY, validateReplies: true });
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

  it("the caller's own key is kept", async () => {
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
    const error = await rejectionOf(
      viaProxy({ retry: RETRY }, { ...protocolBinding.methods, publish: { effect: 'write' } }).publish({
        channel: ch,
        data: 1,
      }),
    );
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
    await expect(viaProxy({ retry: RETRY }).history({ channel: ch, limit: -1 })).resolves.toMatchObject({
      publications: [{ data: 1 }],
    });
    expect(proxy.sent).toHaveLength(2);
  });

  it('map_publish and map_remove too: retried with the same key, run once, the repeat answered as suppressed by idempotency', async () => {
    const map = `map:idem-${randomUUID().slice(0, 8)}`;
    proxy.dropNextReplies(1);
    const published = await viaProxy({ retry: RETRY }).mapPublish({ channel: map, key: 'k', data: 1 });
    expect(published).toEqual({
      offset: 1,
      epoch: expect.any(String),
      suppressed: true,
      suppress_reason: 'idempotency',
    });
    proxy.dropNextReplies(1);
    const removed = await viaProxy({ retry: RETRY }).mapRemove({ channel: map, key: 'k' });
    expect(removed).toEqual({ offset: 2, epoch: published.epoch, suppressed: true, suppress_reason: 'idempotency' });
    const sent = proxy.bodies().map((body) => JSON.parse(body) as { key: string; idempotency_key?: string });
    expect(sent.map((b) => b.key)).toEqual(['k', 'k', 'k', 'k']);
    expect(sent[1]?.idempotency_key).toBe(sent[0]?.idempotency_key);
    expect(sent[3]?.idempotency_key).toBe(sent[2]?.idempotency_key);
    expect(sent[2]?.idempotency_key).not.toBe(sent[0]?.idempotency_key);
    const stream = await direct.mapReadStream({ channel: map, limit: -1 });
    expect(stream.entries?.map((e) => [e.key, e.offset, e.removed ?? false])).toEqual([
      ['k', 1, false],
      ['k', 2, true],
    ]);
  });

  it("a batch of a publish and a read that lost its reply is retried with the publish's key kept, and the publish is in history once", async () => {
    const ch = channel();
    proxy.dropNextReplies(1);
    const [published, history] = await viaProxy({ retry: RETRY })
      .batch()
      .publish({ channel: ch, data: 'b' })
      .history({ channel: ch, limit: -1 })
      .send();
    expect(published).toMatchObject({ ok: true, result: { offset: 1 } });
    expect(history).toMatchObject({ ok: true, result: { publications: [{ data: 'b', offset: 1 }] } });
    const sent = proxy
      .bodies()
      .map((body) => JSON.parse(body) as { commands: { publish?: { idempotency_key?: string } }[] });
    expect(sent).toHaveLength(2);
    expect(sent[0]?.commands[0]?.publish?.idempotency_key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]?.commands[0]?.publish?.idempotency_key).toBe(sent[0]?.commands[0]?.publish?.idempotency_key);
  });
});
