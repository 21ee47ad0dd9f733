/**
 * The transcripts that need websocket clients (test/fixtures/centrifugo-v6/connections.jsonl):
 * presence, presence_stats and channels with subscribers (spec §7.6 Q05, Q06, Q08, Q09) and the
 * server-side connection ops (§7.7, C01–C14), with what each client received during each call.
 * One server (`anonymousClients`: the recording config plus anonymous connections). Clients:
 * W1a and W1b (user u1, info {"name":"A"}, named in the order of their client ids), W2 (user
 * u2), W0 (anonymous), later W1x, W1y, W1z (user u1).
 */
import type { VariantName } from '../centrifugo-v6.js';
import { Recording, type HttpStep } from './recording.js';
import type { RecordingSocket } from './ws-client.js';

const SERVER: VariantName = 'anonymousClients';
const ok = { status: 200, code: null } as const;
const err = (code: number) => ({ status: 200, code }) as const;

export async function recordConnections(): Promise<Recording> {
  const r = new Recording();
  const api = (name: string, method: string, body: object, step: Omit<HttpStep, 'path' | 'body'> = {}) =>
    r.http(name, { server: SERVER, path: `/api/${method}`, body, spec: ok, ...step });
  /** An API call during which each of `expecting` receives a message; then a moment for anything else, also on `quiet`. */
  const during = (
    expecting: readonly RecordingSocket[],
    quiet: readonly RecordingSocket[] = [],
  ): Pick<HttpStep, 'sockets' | 'expect'> => ({
    sockets: [...expecting, ...quiet],
    expect: async () => {
      await Promise.all(expecting.map((s) => s.received(1)));
      await Promise.all([...expecting, ...quiet].map((s) => s.settle()));
    },
  });
  const subscribe = async (
    name: string,
    socket: RecordingSocket,
    channel: string,
    others: readonly RecordingSocket[] = [],
    id = 2,
  ) => {
    socket.send(JSON.stringify({ id, subscribe: { channel } }));
    await socket.received(1);
    await Promise.all(others.map((o) => o.settle()));
    await socket.settle();
    r.addSockets(name, SERVER, [socket, ...others]);
  };
  try {
    const [w1a, w1b] = await r.connectPair('C00_connect', ['W1a', 'W1b'], SERVER, 'u1-info');
    const w2 = await r.connect('C00_connect.W2', 'W2', SERVER, 'u2');
    const w0 = await r.connect('C00_connect.W0', 'W0', SERVER, undefined, {
      note: 'Anonymous: no token (the server allows anonymous connections).',
    });

    await subscribe('Q05_prep_subscribe.W1a', w1a, 'pres:r', [w1b]);
    await subscribe('Q05_prep_subscribe.W1b', w1b, 'pres:r', [w1a]);
    await api('Q05_presence_with_ws', 'presence', { channel: 'pres:r' });
    await api('Q06_presence_stats_with_ws', 'presence_stats', { channel: 'pres:r' });
    await subscribe('Q08_prep_subscribe.W2', w2, 'news');
    await api('Q08_channels_with_subs', 'channels', {});
    await api('Q09_channels_pattern_namespace', 'channels', { pattern: 'pres:*' });
    await api('Q09_channels_pattern_all', 'channels', { pattern: '*' });
    await api('Q09_channels_pattern_class', 'channels', { pattern: '[mn]ews' });

    await api('C01_subscribe_no_channel', 'subscribe', { user: 'u1' }, { spec: err(107) });
    await api('C01_subscribe_unknown_ns', 'subscribe', { channel: 'nope:x', user: 'u1' }, { spec: err(102) });
    await api('C01_subscribe_bad_b64', 'subscribe', { channel: 'news', user: 'u1', b64data: '!!' }, { spec: err(107) });
    await api(
      'C01_subscribe_bad_b64info',
      'subscribe',
      { channel: 'news', user: 'u1', b64info: '!!' },
      { spec: err(107) },
    );
    await api('C02_subscribe_no_conn', 'subscribe', { channel: 'news', user: 'ghost' });
    await api(
      'C03_subscribe_push',
      'subscribe',
      { channel: 'news', user: 'u1', data: { x: 1 } },
      during([w1a, w1b], [w2, w0]),
    );
    await api('C06_subscribe_twice', 'subscribe', { channel: 'news', user: 'u1', data: { x: 2 } }, during([w1a, w1b]));
    await api('C04_subscribe_hist_push', 'subscribe', { channel: 'hist:s', user: 'u1' }, during([w1a, w1b]));
    await api(
      'C05_subscribe_override_presence',
      'subscribe',
      { channel: 'ovr', user: 'u1', override: { presence: { value: true }, join_leave: { value: false } } },
      during([w1a, w1b]),
    );
    await api('C05_subscribe_override_presence.presence', 'presence', { channel: 'ovr' }, { spec: err(108) });
    await api(
      'C05_subscribe_b64_info_data',
      'subscribe',
      { channel: 'b64', user: 'u1', b64data: 'eyJ4IjoxfQ==', b64info: 'eyJyb2xlIjoibW9kIn0=' },
      during([w1a, w1b]),
    );
    await api('C07_subscribe_anonymous_bucket', 'subscribe', { channel: 'news' }, during([w0], [w1a, w2]));
    await api('C08_unsubscribe', 'unsubscribe', { channel: 'news', user: 'u1' }, during([w1a, w1b], [w2, w0]));
    await api('C10_unsubscribe_unknown_ns', 'unsubscribe', { channel: 'nope:x', user: 'u1' }, { spec: err(102) });
    await api('C10_unsubscribe_empty', 'unsubscribe', {}, during([], [w0]));
    await api(
      'C09_unsubscribe_all',
      'unsubscribe',
      { user: 'u1' },
      {
        ...during([], [w1a, w1b]),
        note: 'No channel: each connection gets one unsubscribe push without a channel and stays subscribed everywhere (see the next line).',
      },
    );
    await api('C09_unsubscribe_all.channels', 'channels', {});
    await api(
      'C11_disconnect_default',
      'disconnect',
      { user: 'u1' },
      {
        sockets: [w1a, w1b, w2],
        expect: () => Promise.all([w1a.closedBy(), w1b.closedBy(), w2.settle()]).then(() => undefined),
        note: 'Both connections of u1 close at once: whether one still gets the leave push of the other before its own close is a race.',
      },
    );

    const w1x = await r.connect('C12_prep_connect.W1x', 'W1x', SERVER, 'u1');
    const w1y = await r.connect('C12_prep_connect.W1y', 'W1y', SERVER, 'u1');
    const whitelist = String(w1y.clientId);
    await api(
      'C12_disconnect_custom_whitelist',
      'disconnect',
      { user: 'u1', disconnect: { code: 4500, reason: 'bye' }, whitelist: [whitelist] },
      {
        sockets: [w1x, w1y],
        expect: () => Promise.all([w1x.closedBy(), w1y.settle()]).then(() => undefined),
      },
    );
    await api('C13_refresh_info', 'refresh', { user: 'u1', info: { name: 'B' } }, during([], [w1y]));
    await api(
      'C13_refresh_expire_at',
      'refresh',
      { user: 'u1', expire_at: Math.floor(Date.now() / 1000) + 3600 },
      { ...during([], [w1y]), note: 'expire_at is one hour after the recording.' },
    );
    await api(
      'C13_refresh_expired',
      'refresh',
      { user: 'u1', expired: true },
      { sockets: [w1y], expect: () => w1y.closedBy() },
    );
    const w1z = await r.connect('C14_prep_connect.W1z', 'W1z', SERVER, 'u1');
    await api(
      'C14_pro_fields_ignored',
      'disconnect',
      { user: 'u1', all_users: true, label_filter: { op: '', key: 'k', cmp: 'eq', val: 'v' } },
      {
        sockets: [w1z, w2, w0],
        expect: () => Promise.all([w1z.closedBy(), w2.settle(), w0.settle()]).then(() => undefined),
      },
    );
    await api(
      'C15_disconnect_anonymous',
      'disconnect',
      { user: '' },
      { sockets: [w0, w2], expect: () => Promise.all([w0.closedBy(), w2.settle()]).then(() => undefined) },
    );
    await api('C15_disconnect_no_user_left', 'disconnect', { user: 'u2', client: 'not-a-client' }, during([], [w2]));
    await Promise.all([w2, w0, w1a, w1b, w1x, w1y, w1z].map((s) => s.close()));
  } finally {
    await r.close();
  }
  return r;
}
