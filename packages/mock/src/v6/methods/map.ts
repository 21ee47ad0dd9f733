/**
 * map_publish, map_remove, map_read_state, map_read_stream, map_stats, map_clear (api.go, new in
 * v6.8.0) on the memory map broker (`state/map-broker.ts`). Each needs a channel (and
 * map_publish/map_remove a key: 107), a known namespace (102) of a map subscription type (107).
 * map_publish: bad `b64data` 107, a `key_mode` other than if_new/if_exists 107; `stream_data`
 * and `score` are not passed on by the OSS server. A stale revision or since epoch is 112.
 */
import { goQuote } from '../../json/go-quote.js';
import { mapEntryJson, object, positionFields } from '../encode/results.js';
import {
  MapBrokerError,
  mapPublish as publishKey,
  mapReadState as readState,
  mapReadStream as readStream,
  mapRemove as removeKey,
} from '../state/map-broker.js';
import type { MapChannelOptions, MapUpdate } from '../state/map-hub.js';
import type { NodeV6 } from '../state/node.js';
import { payloadOf } from './payload.js';
import {
  BAD_REQUEST,
  EMPTY,
  INTERNAL,
  UNKNOWN_CHANNEL,
  UNRECOVERABLE,
  ok,
  type Handler,
  type MethodResult,
} from './types.js';

const MAP_TYPES: ReadonlySet<string> = new Set(['map', 'map_clients', 'map_users']);

function mapChannel(node: NodeV6, channel: string): MapChannelOptions | MethodResult {
  const options = node.channelOptions(channel);
  if (options === undefined) return UNKNOWN_CHANNEL;
  if (!MAP_TYPES.has(options.subscriptionType)) return BAD_REQUEST;
  return node.mapOptions(channel) ?? INTERNAL;
}

const isResult = (x: MapChannelOptions | MethodResult): x is MethodResult => 'ok' in x;
const isKeyMode = (s: string): s is '' | 'if_new' | 'if_exists' => s === '' || s === 'if_new' || s === 'if_exists';

function updateJson(u: MapUpdate): MethodResult {
  const f = positionFields(u);
  if (u.suppressed !== undefined) f.push('"suppressed":true', `"suppress_reason":${goQuote(u.suppressed)}`);
  return ok(object(f));
}

export const mapPublish: Handler<'map_publish'> = ({ node }, p) => {
  if (p.channel === '' || p.key === '') return BAD_REQUEST;
  const o = mapChannel(node, p.channel);
  if (isResult(o)) return o;
  const data = payloadOf(p.data, p.b64data);
  if (data === undefined) return BAD_REQUEST;
  const keyMode = p.key_mode;
  if (!isKeyMode(keyMode)) return BAD_REQUEST;
  try {
    const opts = {
      data,
      tags: p.tags,
      idempotencyKey: p.idempotency_key,
      version: p.version,
      versionEpoch: p.version_epoch,
      keyMode,
    };
    return updateJson(publishKey(node.maps, node.mapResults, p.channel, p.key, o, opts, node.clock.now()));
  } catch (err) {
    if (err instanceof MapBrokerError) return INTERNAL;
    throw err;
  }
};

export const mapRemove: Handler<'map_remove'> = ({ node }, p) => {
  if (p.channel === '' || p.key === '') return BAD_REQUEST;
  const o = mapChannel(node, p.channel);
  if (isResult(o)) return o;
  return updateJson(removeKey(node.maps, node.mapResults, p.channel, p.key, o, p.idempotency_key, node.clock.now()));
};

export const mapReadState: Handler<'map_read_state'> = ({ node }, p) => {
  if (p.channel === '') return BAD_REQUEST;
  const o = mapChannel(node, p.channel);
  if (isResult(o)) return o;
  const revision =
    p.revision_offset > 0n || p.revision_epoch !== ''
      ? { offset: Number(p.revision_offset), epoch: p.revision_epoch }
      : undefined;
  const r = readState(node.maps, p.channel, o, { cursor: p.cursor, limit: p.limit, key: p.key, revision });
  if (r.unrecoverable) return UNRECOVERABLE;
  const f: string[] = [];
  if (r.entries.length > 0) f.push(`"entries":[${r.entries.map(mapEntryJson).join(',')}]`);
  f.push(...positionFields(r.position));
  if (r.cursor !== '') f.push(`"cursor":${goQuote(r.cursor)}`);
  return ok(object(f));
};

export const mapReadStream: Handler<'map_read_stream'> = ({ node }, p) => {
  if (p.channel === '') return BAD_REQUEST;
  const o = mapChannel(node, p.channel);
  if (isResult(o)) return o;
  const since =
    p.since_offset > 0n || p.since_epoch !== '' ? { offset: p.since_offset, epoch: p.since_epoch } : undefined;
  const r = readStream(node.maps, p.channel, o, { since, limit: p.limit, reverse: p.reverse });
  if (r.unrecoverable) return UNRECOVERABLE;
  const f: string[] = [];
  if (r.entries.length > 0) f.push(`"entries":[${r.entries.map(mapEntryJson).join(',')}]`);
  f.push(...positionFields(r.position));
  return ok(object(f));
};

export const mapStats: Handler<'map_stats'> = ({ node }, p) => {
  if (p.channel === '') return BAD_REQUEST;
  const o = mapChannel(node, p.channel);
  if (isResult(o)) return o;
  const n = node.maps.channel(p.channel, o, false)?.state.size ?? 0;
  return ok(n === 0 ? '{}' : `{"num_keys":${n}}`);
};

export const mapClear: Handler<'map_clear'> = ({ node }, p) => {
  if (p.channel === '') return BAD_REQUEST;
  const o = mapChannel(node, p.channel);
  if (isResult(o)) return o;
  node.maps.clear(p.channel);
  node.mapResults.clearChannel(p.channel);
  return EMPTY;
};
