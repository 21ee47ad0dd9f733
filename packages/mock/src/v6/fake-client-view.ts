/** What a test sees of a v6 fake client and of a channel's history (control API, `mock.clients()`, `mock.history()`). */
import { goCompact } from '../json/go-compact.js';
import { decodeKeptBytes, withoutKeptBytes } from '../json/kept-bytes.js';
import { checkJson } from '../json/scan.js';
import type { FakeSink } from './engine/fake-clients.js';
import type { Connection } from './state/connections.js';
import type { Publication } from './state/history-hub.js';

export interface FakeClientV6 {
  readonly client: string;
  readonly user: string;
  readonly session?: string;
  /** Connection info (`conn_info` in presence). */
  readonly info?: unknown;
  /** Channels it is subscribed to now. */
  readonly channels: readonly string[];
  /** Whether it is still connected (the server API's disconnect, or an expired refresh, closes it). */
  readonly connected: boolean;
  /** Every push it received, oldest first (the newest 1000), as the client protocol's JSON. */
  readonly pushes: readonly unknown[];
  /** How the server closed it. */
  readonly closed?: { readonly code: number; readonly reason: string };
}

export function fakeClientView(c: Connection, sink: FakeSink, connected: boolean): FakeClientV6 {
  return {
    client: c.client,
    user: c.user,
    ...(c.session === '' ? {} : { session: c.session }),
    ...(c.info === '' ? {} : { info: JSON.parse(withoutKeptBytes(c.info)) as unknown }),
    channels: [...c.subs.keys()],
    connected,
    pushes: sink.pushes.map((p) => JSON.parse(withoutKeptBytes(p)) as unknown),
    ...(sink.closed === undefined ? {} : { closed: sink.closed }),
  };
}

export interface HistoryEntryV6 {
  readonly offset: number;
  /** The payload, parsed; absent when it is not JSON (then `b64data`) or empty. */
  readonly data?: unknown;
  readonly b64data?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** The history entries as JSON text, payloads written as stored (no parse, no recursion). */
export function historyJson(pubs: readonly Publication[]): string {
  return `[${pubs.map(entryJson).join(',')}]`;
}

function entryJson(p: Publication): string {
  let s = `{"offset":${p.offset}`;
  const text = typeof p.data === 'string' ? p.data : decodeKeptBytes(p.data).text;
  if (p.data.length > 0) {
    s +=
      checkJson(text) === undefined
        ? `,"data":${withoutKeptBytes(goCompact(text))}`
        : `,"b64data":${JSON.stringify(Buffer.isBuffer(p.data) ? p.data.toString('base64') : Buffer.from(text).toString('base64'))}`;
  }
  if (p.tags !== undefined && p.tags.size > 0) s += `,"tags":${JSON.stringify(Object.fromEntries(p.tags))}`;
  return `${s}}`;
}
