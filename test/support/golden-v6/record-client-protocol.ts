/**
 * The websocket client protocol as raw frames (test/fixtures/centrifugo-v6/client-protocol.jsonl):
 * spec §7.12, W01–W20, plus a few commands around them. Each case is its own connection, named
 * after the case. W09–W11 (ping, no pong, stale) run on `shortPing` (ping 2 s, pong 1 s, stale 1 s)
 * so they take seconds; everything else on the recording config.
 */
import type { VariantName } from '../centrifugo-v6.js';
import { Recording } from './recording.js';
import { makeToken, type TokenLabel } from './tokens.js';
import { RecordingSocket } from './ws-client.js';

const ok = { status: 200, code: null } as const;

export async function recordClientProtocol(): Promise<Recording> {
  const r = new Recording();
  const open = async (
    client: string,
    variant: VariantName = 'rec',
    options: { keepPings?: boolean; headers?: Record<string, string> } = {},
  ) =>
    RecordingSocket.open(client, (await r.server(variant)).wsUrl, {
      ...options,
      onConnected: (id) => r.masker.nameClient(id, client),
    });
  /** Sends `frames` one by one, waiting for one more message (or the close) after each. */
  const exchange = async (socket: RecordingSocket, frames: readonly string[]) => {
    for (const frame of frames) {
      const before = socket.receivedCount;
      socket.send(frame);
      await socket.received(before + 1);
    }
    await socket.settle();
  };
  /** Opens a connection and sends connect (the token is made first: the short-timer server closes a silent connection after 1 s). */
  const connect = async (
    client: string,
    token: TokenLabel | 'none' = 'u1',
    variant: VariantName = 'rec',
    keepPings = false,
  ) => {
    const params = token === 'none' ? {} : { token: await makeToken(token, r.masker) };
    const socket = await open(client, variant, { keepPings });
    socket.send(JSON.stringify({ id: 1, connect: params }));
    await socket.received(1);
    return socket;
  };
  const done = async (
    name: string,
    sockets: readonly RecordingSocket[],
    variant: VariantName = 'rec',
    note?: string,
  ) => {
    r.addSockets(name, variant, sockets, note);
    await Promise.all(sockets.map((s) => s.close()));
  };
  const cmd = (o: object) => JSON.stringify(o);

  try {
    for (let n = 1; n <= 5; n++)
      await r.http(`W00_prep_publish_${n}`, {
        path: '/api/publish',
        body: { channel: 'hist:z', data: { n } },
        spec: ok,
      });
    const epoch = String(
      (await r.http('W00_prep_history', { path: '/api/history', body: { channel: 'hist:z' }, spec: ok })).json.result
        .epoch,
    );

    await done('W01_connect_ok', [await connect('W01', 'u1-exp')]);
    await done('W02_connect_no_exp', [await connect('W02', 'u1')]);
    await done('W03_connect_no_token', [await connect('W03', 'none')]);
    await done('W04_bad_signature', [await connect('W04', 'u1-other-secret')]);
    const w05 = await connect('W05', 'u1-expired');
    await exchange(w05, [cmd({ id: 2, subscribe: { channel: 'news' } })]);
    await w05.closedBy(10_000);
    await done(
      'W05_expired_token',
      [w05],
      'rec',
      'After the 109 the connection is unusable: the next command closes it, about 5 s later and without a close frame (1006).',
    );
    const w06 = await open('W06');
    await exchange(w06, [cmd({ id: 1, subscribe: { channel: 'news' } })]);
    await done('W06_first_not_connect', [w06]);
    const w07 = await open('W07');
    await exchange(w07, ['']);
    await done('W07_empty_frame', [w07]);
    const w07b = await open('W07b');
    await exchange(w07b, [`${cmd({ id: 1, connect: { token: await makeToken('u1', r.masker) } })}\n\n`]);
    await done('W07_blank_line', [w07b]);
    const w07c = await open('W07c');
    await exchange(w07c, [
      `${cmd({ id: 1, connect: { token: await makeToken('u1', r.masker) } })}\n${cmd({ id: 2, subscribe: { channel: 'news' } })}`,
    ]);
    await done('W07_two_commands_one_frame', [w07c]);
    const w08 = await connect('W08');
    await exchange(w08, ['{}']);
    await done('W08_unneeded_pong', [w08]);
    const w08b = await connect('W08b');
    await exchange(w08b, [cmd({ id: 2, ping: {} })]);
    await done('W08_ping_command', [w08b]);

    await r.server('shortPing');
    const w09 = await connect('W09', 'u1', 'shortPing', true);
    await w09.received(2, 5000); // the connect reply, then the first ping
    w09.send('{}');
    await w09.received(3, 5000);
    w09.send('{}');
    await w09.settle();
    await done(
      'W09_ping_pong',
      [w09],
      'shortPing',
      'ping_interval 2s: a ping `{}` comes 1-2 s after connect and every 2 s; the client answers `{}`.',
    );
    const w10 = await connect('W10', 'u1', 'shortPing', true);
    await w10.received(2, 5000);
    await w10.closedBy(5000);
    await done('W10_no_pong', [w10], 'shortPing', 'pong_timeout 1s: the ping goes unanswered.');
    const w11 = await open('W11', 'shortPing');
    await w11.closedBy(5000);
    await done('W11_stale', [w11], 'shortPing', 'stale_close_delay 1s: nothing is sent after the upgrade.');

    const w12 = await connect('W12');
    await exchange(w12, [
      cmd({ id: 2, subscribe: { channel: 'news' } }),
      cmd({ id: 3, publish: { channel: 'news', data: { x: 1 } } }),
      cmd({ id: 4, unsubscribe: { channel: 'news' } }),
    ]);
    await done(
      'W12_subscribe_plain',
      [w12],
      'rec',
      'The client publishes into its own channel (allow_publish_for_subscriber): its publication comes back as a push.',
    );
    const w13 = await connect('W13');
    await exchange(w13, [cmd({ id: 2, subscribe: { channel: 'hist:z' } })]);
    await done('W13_subscribe_hist', [w13]);
    const w14 = await connect('W14');
    await exchange(w14, [cmd({ id: 2, subscribe: { channel: 'hist:z', recover: true, offset: 4, epoch } })]);
    await done('W14_subscribe_recover', [w14]);
    const w14b = await connect('W14b');
    await exchange(w14b, [cmd({ id: 2, subscribe: { channel: 'hist:z', recover: true, offset: 1, epoch } })]);
    await done('W14_subscribe_recover_trimmed', [w14b]);
    const w15 = await connect('W15');
    await exchange(w15, [
      cmd({ id: 2, subscribe: { channel: '$priv' } }),
      cmd({ id: 3, subscribe: { channel: 'nope:x' } }),
      cmd({ id: 4, subscribe: { channel: 'news' } }),
      cmd({ id: 5, subscribe: { channel: 'news' } }),
      cmd({ id: 6, subscribe: { channel: 'jsonobj:x' } }),
      cmd({ id: 7, subscribe: { channel: 'c'.repeat(256) } }),
      cmd({ id: 8, rpc: { method: 'm', data: {} } }),
      cmd({ id: 9, publish: { channel: 'pres:r', data: 1 } }),
    ]);
    await done('W15_subscribe_errors', [w15]);
    const w15b = await connect('W15b');
    await exchange(w15b, [cmd({ id: 2, subscribe: { channel: '' } })]);
    await done('W15_subscribe_empty_channel', [w15b]);

    const w18 = await connect('W18');
    await exchange(w18, [
      cmd({ id: 2, history: { channel: 'hist:z', limit: -1 } }),
      cmd({ id: 3, subscribe: { channel: 'hist:z' } }),
      cmd({ id: 4, history: { channel: 'hist:z', limit: -1 } }),
      cmd({ id: 5, subscribe: { channel: 'pres:r' } }),
      cmd({ id: 6, presence: { channel: 'pres:r' } }),
      cmd({ id: 7, presence_stats: { channel: 'pres:r' } }),
    ]);
    await done('W18_client_history_presence', [w18]);

    const w16 = await connect('W16');
    await exchange(w16, [cmd({ id: 2, subscribe: { channel: 'hist:z' } })]);
    r.addSockets('W16_publication_push.subscribe', 'rec', [w16]);
    await r.http('W16_publication_push', {
      path: '/api/publish',
      body: { channel: 'hist:z', data: { n: 6 }, tags: { t: '1' } },
      spec: ok,
      sockets: [w16],
      expect: () => w16.received(1),
    });
    await r.http('W16_publication_push_b64', {
      path: '/api/publish',
      body: { channel: 'hist:z', b64data: 'eyJuIjo3fQ==' },
      spec: ok,
      sockets: [w16],
      expect: () => w16.received(1),
    });
    await r.http('W16_publication_push_not_json', {
      path: '/api/publish',
      body: { channel: 'hist:z', b64data: 'AP8=' },
      spec: ok,
      sockets: [w16],
      expect: () => w16.closedBy(),
    });
    await done('W16_publication_push.close', [w16]);

    const a = await connect('W17a', 'u1');
    const b = await connect('W17b', 'u2');
    await exchange(a, [cmd({ id: 2, subscribe: { channel: 'pres:r' } })]);
    await exchange(b, [cmd({ id: 2, subscribe: { channel: 'pres:r' } })]);
    await a.received(4); // connect, subscribe, its own join, b's join
    await exchange(b, [cmd({ id: 3, unsubscribe: { channel: 'pres:r' } })]);
    await a.received(5); // b's leave
    await a.settle();
    await done(
      'W17_join_leave',
      [a, b],
      'rec',
      "Pushes to one client come in order; the two clients' records are separate.",
    );

    const w19 = await connect('W19');
    const big = `{"id":2,"publish":{"channel":"news","data":"<x repeated ${70 * 1024} times>"}}`;
    w19.send(
      big.replace(/<x repeated (\d+) times>/, (_, n: string) => 'x'.repeat(Number(n))),
      big,
    );
    await w19.closedBy();
    await done('W19_message_too_big', [w19]);
    const w20 = await open('W20', 'rec', { headers: { Origin: 'http://evil.example' } });
    await w20.closedBy();
    await done('W20_origin_rejected', [w20]);
    const w20b = await open('W20b', 'rec', { headers: { Origin: 'http://localhost:3000' } });
    await exchange(w20b, [cmd({ id: 1, connect: { token: await makeToken('u1', r.masker) } })]);
    await done('W20_origin_allowed', [w20b]);
  } finally {
    await r.close();
  }
  return r;
}
