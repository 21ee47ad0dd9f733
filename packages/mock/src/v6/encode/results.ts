/**
 * Result objects of the server API as Go's json.Marshal writes the apiproto structs: fields in
 * proto order, `omitempty` everywhere except where the generated tags say otherwise (ClientInfo
 * user and client; HistoryResult publications, epoch and offset; PresenceStats counts; NodeResult
 * uid, name, version and counts), map keys sorted by bytes.
 */
import { goQuote } from '../../json/go-quote.js';
import type { ClientInfo, Position, Publication } from '../state/history-hub.js';
import type { MapPublication } from '../state/map-hub.js';
import { compareBytes } from '../state/map-broker.js';
import { apiRaw, isEmpty } from './raw.js';

/** `{"offset"?,"epoch"?}` fields (both omitempty), without braces. */
export function positionFields(p: Position): string[] {
  const out: string[] = [];
  if (p.offset !== 0) out.push(`"offset":${p.offset}`);
  if (p.epoch !== '') out.push(`"epoch":${goQuote(p.epoch)}`);
  return out;
}

export function object(fields: readonly string[]): string {
  return `{${fields.join(',')}}`;
}

export function tagsJson(tags: ReadonlyMap<string, string>): string {
  const keys = [...tags.keys()].sort(compareBytes);
  return `{${keys.map((k) => `${goQuote(k)}:${goQuote(tags.get(k) as string)}`).join(',')}}`;
}

export function clientInfoJson(i: ClientInfo): string {
  const f = [`"user":${goQuote(i.user)}`, `"client":${goQuote(i.client)}`];
  if (i.connInfo !== '') f.push(`"conn_info":${apiRaw(i.connInfo)}`);
  if (i.chanInfo !== '') f.push(`"chan_info":${apiRaw(i.chanInfo)}`);
  return object(f);
}

/** A history Publication: data, info, offset, tags. */
export function publicationJson(p: Publication): string {
  const f: string[] = [];
  if (!isEmpty(p.data)) f.push(`"data":${apiRaw(p.data)}`);
  if (p.info !== undefined) f.push(`"info":${clientInfoJson(p.info)}`);
  if (p.offset !== 0) f.push(`"offset":${p.offset}`);
  if (p.tags !== undefined && p.tags.size > 0) f.push(`"tags":${tagsJson(p.tags)}`);
  return object(f);
}

/** A MapEntry: key, data, tags, offset, score, removed, time. */
export function mapEntryJson(p: MapPublication): string {
  const f: string[] = [];
  if (p.key !== '') f.push(`"key":${goQuote(p.key)}`);
  if (!isEmpty(p.data)) f.push(`"data":${apiRaw(p.data)}`);
  if (p.tags !== undefined && p.tags.size > 0) f.push(`"tags":${tagsJson(p.tags)}`);
  if (p.offset !== 0) f.push(`"offset":${p.offset}`);
  if (p.removed) f.push('"removed":true');
  if (p.time !== 0) f.push(`"time":${p.time}`);
  return object(f);
}
