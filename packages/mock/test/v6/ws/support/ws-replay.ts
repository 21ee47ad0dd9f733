/**
 * Replays golden transcripts that hold websocket traffic (client-protocol.jsonl: raw frames;
 * connections.jsonl: real clients beside API calls) over real sockets against any server, the
 * real v6.9.1 or the mock, and lists every difference: each client's received messages (masked
 * as the recordings were, with test/support/golden-v6's Masker), its close code and reason, a
 * refused handshake's status, headers and body, and each HTTP exchange's status, content type
 * and body. What a client sends is the recording with its placeholders made real: `<token:…>`
 * labels become fresh tokens with the recorded claims, epochs and client ids the server's own.
 * Before each send the client waits for the messages recorded before it; at the end of a line
 * for all of them (and the close, when one was recorded).
 */
import type { VariantName } from '../../../../../../test/support/centrifugo-v6.js';
import { sendHttp } from '../../../../../../test/support/golden-v6/http.js';
import { Masker } from '../../../../../../test/support/golden-v6/mask.js';
import { makeToken, type TokenLabel } from '../../../../../../test/support/golden-v6/tokens.js';
import {
  expandBody,
  expandRepeats,
  type GoldenFrame,
  type GoldenLine,
  type GoldenSocket,
} from '../../../../../../test/support/golden-v6/transcript.js';
import { RecordingSocket } from '../../../../../../test/support/golden-v6/ws-client.js';

export interface WsReplayTarget {
  /** `http://127.0.0.1:<port>` of the server for a config variant (started on first use). */
  url(server: VariantName): Promise<string>;
}

export interface WsReplayReport {
  readonly http: number;
  readonly sockets: number;
  readonly frames: number;
  readonly differences: readonly string[];
}

/** Lines whose pushes are a race on the real server (fixtures README: C11). */
const RACY_LEAVES = new Set(['C11_disconnect_default']);
/** Pairs the recorder connected alike and named in the order of their client ids (`Recording.connectPair`). */
const ORDERED_PAIRS: readonly (readonly [string, string])[] = [['W1a', 'W1b']];
const REPLY_WAIT_MS = 3000;
const CLOSE_WAIT_MS = 7000;

export async function replayWs(lines: readonly GoldenLine[], target: WsReplayTarget): Promise<WsReplayReport> {
  const masker = new Masker();
  const sockets = new Map<string, RecordingSocket>();
  const differences: string[] = [];
  let http = 0;
  let observed = 0;
  let frames = 0;
  const ordered = new Set<string>();
  const differ = (name: string, what: string, want: unknown, got: unknown) =>
    differences.push(`${name}: ${what}\n    real: ${JSON.stringify(want)}\n    mock: ${JSON.stringify(got)}`);
  try {
    for (const line of lines) {
      if (line.server === 'startup') continue;
      const base = await target.url(line.server);
      for (const s of line.ws ?? []) await drive(s, base);
      if (line.request !== undefined && line.response !== undefined) {
        http += 1;
        const body = masker
          .unmask(expandBody(line.request))
          .replace(/"<unix-time>"/g, String(Math.floor(Date.now() / 1000) + 3600));
        const res = await sendHttp(base, { ...line.request, path: masker.unmask(line.request.path) }, body);
        const text = res.body.toString('utf8');
        masker.learn(text);
        if (res.status !== line.response.status) differ(line.name, 'status', line.response.status, res.status);
        if (res.headers['Content-Type'] !== line.response.headers['Content-Type'])
          differ(line.name, 'content type', line.response.headers['Content-Type'], res.headers['Content-Type']);
        const masked = masker.mask(text, new Set());
        if (masked !== line.response.body) differ(line.name, 'body', line.response.body, masked);
      }
      for (const s of line.ws ?? []) {
        observed += 1;
        const socket = sockets.get(s.client) as RecordingSocket;
        const want = s.frames.filter((f) => f.dir === 'recv');
        await socket.received(want.length, REPLY_WAIT_MS);
        if (s.close !== undefined) await socket.closedBy(CLOSE_WAIT_MS);
        else await socket.settle(150);
        const got = socket.take();
        const racy = (t: string) => RACY_LEAVES.has(line.name) && t.includes('"leave"');
        const recv = got.frames
          .filter((f) => f.dir === 'recv')
          .map((f) => {
            masker.learn(f.text);
            return masker.mask(f.text, new Set());
          });
        frames += want.length;
        const name = `${line.name} ${s.client}`;
        if (
          JSON.stringify(recv.filter((t) => !racy(t))) !==
          JSON.stringify(want.map((f) => f.text).filter((t) => !racy(t)))
        )
          differ(
            name,
            'received',
            want.map((f) => f.text),
            recv,
          );
        if (JSON.stringify(got.close) !== JSON.stringify(s.close)) differ(name, 'close', s.close, got.close);
        if (JSON.stringify(got.rejected) !== JSON.stringify(s.rejected))
          differ(name, 'handshake', s.rejected, got.rejected);
      }
      orderPairs();
    }
  } finally {
    await Promise.all([...sockets.values()].map((s) => s.close()));
  }
  return { http, sockets: observed, frames, differences };

  /** Once both of a pair are connected, the one with the smaller client id takes the first name, as in the recording. */
  function orderPairs(): void {
    for (const [a, b] of ORDERED_PAIRS) {
      const first = sockets.get(a);
      const second = sockets.get(b);
      if (ordered.has(a) || first?.clientId === undefined || second?.clientId === undefined) continue;
      ordered.add(a);
      if (first.clientId < second.clientId) continue;
      first.rename(b);
      second.rename(a);
      sockets.set(a, second);
      sockets.set(b, first);
      masker.nameClient(second.clientId, a);
      masker.nameClient(first.clientId, b);
    }
  }

  async function drive(s: GoldenSocket, base: string): Promise<void> {
    if (s.open !== undefined) {
      const keepPings = s.frames.some((f) => f.dir === 'recv' && f.text === '{}');
      const url = `${base.replace(/^http/, 'ws')}${s.open.path}`;
      sockets.set(
        s.client,
        await RecordingSocket.open(s.client, url, {
          headers: { ...s.open.headers },
          keepPings,
          onConnected: (id) => masker.nameClient(id, s.client),
        }),
      );
    }
    const socket = sockets.get(s.client);
    if (socket === undefined) throw new Error(`${s.client}: used before it was opened`);
    let before = 0;
    for (const f of s.frames) {
      if (f.dir === 'recv') {
        before += 1;
        continue;
      }
      await socket.received(before, REPLY_WAIT_MS);
      socket.send(await materialize(f));
    }
  }

  async function materialize(f: GoldenFrame): Promise<string> {
    let text = f.expand === 'repeat' ? expandRepeats(f.text) : f.text;
    for (const m of [...text.matchAll(/<token:([a-z0-9-]+)>/g)])
      text = text.replace(m[0], await makeToken(m[1] as TokenLabel, masker));
    return masker.unmask(text);
  }
}
