/**
 * Replies of the client protocol as the server's JSON encoder writes them (centrifugal/protocol
 * easyjson): `{"id":N,"<method>":{…}}` or `{"id":N,"error":{…}}`, fields in proto order, every
 * field omitted when empty except history's publications/epoch/offset and presence_stats'
 * counts. Raw payloads go as given minus `\n`; strings are escaped as Go's encoder does. Maps
 * (presence, connect subs), unordered on the real wire, are sorted by key here.
 */
import { goQuote } from '../../json/go-quote.js';
import { clientInfo, publicationBody, type ClientPublication } from '../encode/pushes.js';
import { pushRaw } from '../encode/raw.js';
import type { ClientInfo } from '../state/history-hub.js';
import { compareBytes } from '../state/map-broker.js';
import type { ReplyError } from './codes.js';

export function reply(id: number, method: string, body: string): string {
  return id === 0 ? `{"${method}":${body}}` : `{"id":${id},"${method}":${body}}`;
}

export function errorReply(id: number, e: ReplyError): string {
  const body = `{"code":${e.code},"message":${goQuote(e.message)}${e.temporary ? ',"temporary":true' : ''}}`;
  return reply(id, 'error', body);
}

export interface SubscribeResult {
  readonly expires: boolean;
  readonly ttl: number;
  readonly recoverable: boolean;
  readonly epoch: string;
  readonly publications: readonly ClientPublication[];
  readonly recovered: boolean;
  readonly offset: number;
  readonly positioned: boolean;
  readonly data: string;
  readonly wasRecovering: boolean;
  readonly delta: boolean;
}

export function subscribeResult(r: SubscribeResult): string {
  const f: string[] = [];
  if (r.expires) f.push('"expires":true');
  if (r.ttl !== 0) f.push(`"ttl":${r.ttl}`);
  if (r.recoverable) f.push('"recoverable":true');
  if (r.epoch !== '') f.push(`"epoch":${goQuote(r.epoch)}`);
  if (r.publications.length > 0) f.push(`"publications":[${r.publications.map(publicationBody).join(',')}]`);
  if (r.recovered) f.push('"recovered":true');
  if (r.offset !== 0) f.push(`"offset":${r.offset}`);
  if (r.positioned) f.push('"positioned":true');
  if (r.data !== '') f.push(`"data":${pushRaw(r.data)}`);
  if (r.wasRecovering) f.push('"was_recovering":true');
  if (r.delta) f.push('"delta":true');
  return `{${f.join(',')}}`;
}

export interface ConnectResult {
  readonly client: string;
  readonly version: string;
  readonly expires: boolean;
  readonly ttl: number;
  readonly subs: ReadonlyMap<string, string>;
  readonly ping: number;
  readonly pong: boolean;
  /** Unix ms, only with `client.connect_include_server_time`. */
  readonly time: number;
}

export function connectResult(r: ConnectResult): string {
  const f = [`"client":${goQuote(r.client)}`, `"version":${goQuote(r.version)}`];
  if (r.expires) f.push('"expires":true');
  if (r.ttl !== 0) f.push(`"ttl":${r.ttl}`);
  if (r.subs.size > 0)
    f.push(
      `"subs":{${[...r.subs.keys()]
        .sort(compareBytes)
        .map((ch) => `${goQuote(ch)}:${r.subs.get(ch) as string}`)
        .join(',')}}`,
    );
  if (r.ping !== 0) f.push(`"ping":${r.ping}`);
  if (r.pong) f.push('"pong":true');
  if (r.time !== 0) f.push(`"time":${r.time}`);
  return `{${f.join(',')}}`;
}

export function historyResult(publications: readonly ClientPublication[], epoch: string, offset: number): string {
  return `{"publications":[${publications.map(publicationBody).join(',')}],"epoch":${goQuote(epoch)},"offset":${offset}}`;
}

export function presenceResult(entries: readonly ClientInfo[]): string {
  const sorted = [...entries].sort((a, b) => compareBytes(a.client, b.client));
  return `{"presence":{${sorted.map((i) => `${goQuote(i.client)}:${clientInfo(i)}`).join(',')}}}`;
}

export function presenceStatsResult(numClients: number, numUsers: number): string {
  return `{"num_clients":${numClients},"num_users":${numUsers}}`;
}

/** RefreshResult and SubRefreshResult: `{"expires"?,"ttl"?}`. */
export function expiryResult(expires: boolean, ttl: number): string {
  const f: string[] = [];
  if (expires) f.push('"expires":true');
  if (ttl !== 0) f.push(`"ttl":${ttl}`);
  return `{${f.join(',')}}`;
}
