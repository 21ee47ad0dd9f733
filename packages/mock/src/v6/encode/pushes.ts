/**
 * Pushes of the client protocol (centrifugal/protocol, JSON) as connections receive them:
 * `{"push":{"channel"?,"<kind>":{…}}}`, fields in proto order, omitempty except ClientInfo's
 * user and client. Raw payloads go as published minus `\n` (`pushRaw`); tag maps, unsorted on
 * the real wire, are sorted here.
 */
import { goQuote } from '../../json/go-quote.js';
import { unquote } from '../../json/unquote.js';
import { skipString } from '../../json/walk.js';
import type { ClientInfo } from '../state/history-hub.js';
import { pushRaw } from './raw.js';
import { tagsJson } from './results.js';

function push(channel: string, kind: string, body: string): string {
  return channel === '' ? `{"push":{"${kind}":${body}}}` : `{"push":{"channel":${goQuote(channel)},"${kind}":${body}}}`;
}

const CHANNEL_PREFIX = '{"push":{"channel":';

/** The channel a push made by `push` names ('' when none): transports filter pushes by it. */
export function pushChannelOf(json: string): string {
  if (!json.startsWith(CHANNEL_PREFIX)) return '';
  const start = CHANNEL_PREFIX.length;
  return unquote(json, start, skipString(json, start));
}

export function clientInfo(i: ClientInfo): string {
  let s = `{"user":${goQuote(i.user)},"client":${goQuote(i.client)}`;
  if (i.connInfo !== '') s += `,"conn_info":${pushRaw(i.connInfo)}`;
  if (i.chanInfo !== '') s += `,"chan_info":${pushRaw(i.chanInfo)}`;
  return `${s}}`;
}

/** A publication as the client protocol writes it (in pushes, history and recovery): proto field order. */
export interface ClientPublication {
  readonly data: string | Buffer;
  readonly offset: number;
  readonly tags: ReadonlyMap<string, string> | undefined;
  readonly info?: ClientInfo | undefined;
  /** The stream's epoch: the server sends it with offset 1 only (node.go, so clients learn it). */
  readonly epoch?: string | undefined;
  readonly version?: bigint | undefined;
}

export function publicationBody(p: ClientPublication): string {
  const f: string[] = [];
  if (p.data.length > 0) f.push(`"data":${pushRaw(p.data)}`);
  if (p.info !== undefined) f.push(`"info":${clientInfo(p.info)}`);
  if (p.offset !== 0) f.push(`"offset":${p.offset}`);
  if (p.tags !== undefined && p.tags.size > 0) f.push(`"tags":${tagsJson(p.tags)}`);
  if (p.offset === 1 && p.epoch !== undefined && p.epoch !== '') f.push(`"epoch":${goQuote(p.epoch)}`);
  if (p.version !== undefined && p.version !== 0n) f.push(`"version":${p.version}`);
  return `{${f.join(',')}}`;
}

export function publicationPush(channel: string, p: ClientPublication): string {
  return push(channel, 'pub', publicationBody(p));
}

export function joinLeavePush(channel: string, kind: 'join' | 'leave', info: ClientInfo): string {
  return push(channel, kind, `{"info":${clientInfo(info)}}`);
}

export function subscribePush(
  channel: string,
  s: {
    readonly recoverable: boolean;
    readonly epoch: string;
    readonly offset: number;
    readonly positioned: boolean;
    readonly data: string;
  },
): string {
  const f: string[] = [];
  if (s.recoverable) f.push('"recoverable":true');
  if (s.epoch !== '') f.push(`"epoch":${goQuote(s.epoch)}`);
  if (s.offset !== 0) f.push(`"offset":${s.offset}`);
  if (s.positioned) f.push('"positioned":true');
  if (s.data.length > 0) f.push(`"data":${pushRaw(s.data)}`);
  return push(channel, 'subscribe', `{${f.join(',')}}`);
}

export function unsubscribePush(channel: string, code: number, reason: string): string {
  return push(channel, 'unsubscribe', `{"code":${code},"reason":${goQuote(reason)}}`);
}

export function refreshPush(expires: boolean, ttl: number): string {
  const f: string[] = [];
  if (expires) f.push('"expires":true');
  if (ttl !== 0) f.push(`"ttl":${ttl}`);
  return push('', 'refresh', `{${f.join(',')}}`);
}
