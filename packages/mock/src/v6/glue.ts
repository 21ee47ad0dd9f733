/**
 * The per-method wire glue of the Centrifugo v6 protocol, in the form the mock-glue emitter
 * generates from schema/centrifugo-v6: the Go structs each request body decodes into (field
 * kinds from the JSON Schema types: integer ranges give the Go integer kind, `$ref`s name
 * structs), the method table and the error catalogue. Hand-written until the emitter runs;
 * `src/v6/protocol.ts` is the only module that imports it.
 */
import type { GoStructs } from '../json/go-kinds.js';

export const structs = {
  BatchParams: { commands: { list: 'Command' }, parallel: 'bool' },
  BroadcastParams: { channels: 'strings', data: 'raw', b64data: 'string', skip_history: 'bool', tags: 'string-map', idempotency_key: 'string', delta: 'bool', version: 'uint64', version_epoch: 'string' },
  ChannelsParams: { pattern: 'string' },
  DisconnectParams: { user: 'string', disconnect: { struct: 'Disconnect' }, client: 'string', whitelist: 'strings', session: 'string', label_filter: { struct: 'FilterNode' }, all_users: 'bool' },
  HistoryParams: { channel: 'string', limit: 'int32', since: { struct: 'StreamPosition' }, reverse: 'bool' },
  HistoryRemoveParams: { channel: 'string' },
  InfoParams: {},
  MapClearParams: { channel: 'string' },
  MapPublishParams: {
    channel: 'string', key: 'string', data: 'raw', b64data: 'string', stream_data: 'raw', b64stream_data: 'string', tags: 'string-map',
    idempotency_key: 'string', delta: 'bool', version: 'uint64', version_epoch: 'string', score: 'int64', key_mode: 'string',
  },
  MapReadStateParams: { channel: 'string', cursor: 'string', limit: 'int32', key: 'string', asc: 'bool', revision_offset: 'uint64', revision_epoch: 'string' },
  MapReadStreamParams: { channel: 'string', since_offset: 'uint64', since_epoch: 'string', limit: 'int32', reverse: 'bool' },
  MapRemoveParams: { channel: 'string', key: 'string', idempotency_key: 'string' },
  MapStatsParams: { channel: 'string' },
  PresenceParams: { channel: 'string' },
  PresenceStatsParams: { channel: 'string' },
  PublishParams: { channel: 'string', data: 'raw', b64data: 'string', skip_history: 'bool', tags: 'string-map', idempotency_key: 'string', delta: 'bool', version: 'uint64', version_epoch: 'string' },
  RefreshParams: { user: 'string', client: 'string', expired: 'bool', expire_at: 'int64', info: 'raw', session: 'string', label_filter: { struct: 'FilterNode' }, all_users: 'bool' },
  RpcParams: { method: 'string', params: 'raw' },
  SharedPollPublishParams: { channel: 'string', key: 'string', data: 'raw', b64data: 'string', version: 'uint64', epoch: 'string' },
  SubscribeParams: {
    channel: 'string', user: 'string', expire_at: 'int64', info: 'raw', b64info: 'string', client: 'string', data: 'raw', b64data: 'string',
    recover_since: { struct: 'StreamPosition' }, override: { struct: 'SubscribeOptionOverride' }, session: 'string', label_filter: { struct: 'FilterNode' }, all_users: 'bool',
  },
  UnsubscribeParams: { channel: 'string', user: 'string', client: 'string', session: 'string', label_filter: { struct: 'FilterNode' }, all_users: 'bool' },
  BoolValue: { value: 'bool' },
  Command: {
    publish: { struct: 'PublishParams' }, broadcast: { struct: 'BroadcastParams' }, subscribe: { struct: 'SubscribeParams' }, unsubscribe: { struct: 'UnsubscribeParams' },
    disconnect: { struct: 'DisconnectParams' }, refresh: { struct: 'RefreshParams' }, presence: { struct: 'PresenceParams' }, presence_stats: { struct: 'PresenceStatsParams' },
    history: { struct: 'HistoryParams' }, history_remove: { struct: 'HistoryRemoveParams' }, channels: { struct: 'ChannelsParams' }, info: { struct: 'InfoParams' },
    rpc: { struct: 'RpcParams' }, map_publish: { struct: 'MapPublishParams' }, map_remove: { struct: 'MapRemoveParams' }, map_read_state: { struct: 'MapReadStateParams' },
    map_read_stream: { struct: 'MapReadStreamParams' }, map_stats: { struct: 'MapStatsParams' }, map_clear: { struct: 'MapClearParams' }, shared_poll_publish: { struct: 'SharedPollPublishParams' },
  },
  Disconnect: { code: 'uint32', reason: 'string' },
  FilterNode: { op: 'string', key: 'string', cmp: 'string', val: 'string', vals: 'strings', nodes: { list: 'FilterNode' } },
  StreamPosition: { offset: 'uint64', epoch: 'string' },
  SubscribeOptionOverride: {
    presence: { struct: 'BoolValue' }, join_leave: { struct: 'BoolValue' }, force_recovery: { struct: 'BoolValue' }, force_positioning: { struct: 'BoolValue' }, force_push_join_leave: { struct: 'BoolValue' },
  },
} as const satisfies GoStructs;

type ErrorId = 'bad_request' | 'unknown_channel' | 'not_found' | 'not_available' | 'unrecoverable_position' | 'internal_server_error' | 'conflict' | 'malformed_request' | 'unauthorized' | 'route_not_found' | 'method_not_allowed' | 'internal_server_error_http';

export interface MethodGlue {
  readonly params: keyof typeof structs;
  readonly effect: 'read' | 'write';
  readonly since: string;
  readonly errors: readonly ErrorId[];
}

export const methods = {
  publish: { params: 'PublishParams', effect: 'write', since: '6.0.0', errors: ['bad_request', 'unknown_channel', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  broadcast: { params: 'BroadcastParams', effect: 'write', since: '6.0.0', errors: ['bad_request', 'malformed_request', 'unauthorized'] },
  subscribe: { params: 'SubscribeParams', effect: 'write', since: '6.0.0', errors: ['bad_request', 'unknown_channel', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  unsubscribe: { params: 'UnsubscribeParams', effect: 'write', since: '6.0.0', errors: ['unknown_channel', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  disconnect: { params: 'DisconnectParams', effect: 'write', since: '6.0.0', errors: ['internal_server_error', 'malformed_request', 'unauthorized'] },
  refresh: { params: 'RefreshParams', effect: 'write', since: '6.0.0', errors: ['internal_server_error', 'malformed_request', 'unauthorized'] },
  presence: { params: 'PresenceParams', effect: 'read', since: '6.0.0', errors: ['bad_request', 'unknown_channel', 'not_available', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  presence_stats: { params: 'PresenceStatsParams', effect: 'read', since: '6.0.0', errors: ['bad_request', 'unknown_channel', 'not_available', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  history: {
    params: 'HistoryParams', effect: 'read', since: '6.0.0',
    errors: ['bad_request', 'unknown_channel', 'not_available', 'unrecoverable_position', 'internal_server_error', 'malformed_request', 'unauthorized', 'internal_server_error_http'],
  },
  history_remove: { params: 'HistoryRemoveParams', effect: 'write', since: '6.0.0', errors: ['bad_request', 'unknown_channel', 'not_available', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  channels: { params: 'ChannelsParams', effect: 'read', since: '6.0.0', errors: ['internal_server_error', 'malformed_request', 'unauthorized'] },
  info: { params: 'InfoParams', effect: 'read', since: '6.0.0', errors: ['internal_server_error', 'malformed_request', 'unauthorized'] },
  rpc: { params: 'RpcParams', effect: 'write', since: '6.0.0', errors: ['bad_request', 'not_found', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  batch: { params: 'BatchParams', effect: 'write', since: '6.0.0', errors: ['malformed_request', 'unauthorized'] },
  map_publish: { params: 'MapPublishParams', effect: 'write', since: '6.8.0', errors: ['bad_request', 'unknown_channel', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  map_remove: { params: 'MapRemoveParams', effect: 'write', since: '6.8.0', errors: ['bad_request', 'unknown_channel', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  map_read_state: { params: 'MapReadStateParams', effect: 'read', since: '6.8.0', errors: ['bad_request', 'unknown_channel', 'unrecoverable_position', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  map_read_stream: { params: 'MapReadStreamParams', effect: 'read', since: '6.8.0', errors: ['bad_request', 'unknown_channel', 'unrecoverable_position', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  map_stats: { params: 'MapStatsParams', effect: 'read', since: '6.8.0', errors: ['bad_request', 'unknown_channel', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  map_clear: { params: 'MapClearParams', effect: 'write', since: '6.8.0', errors: ['bad_request', 'unknown_channel', 'internal_server_error', 'malformed_request', 'unauthorized'] },
  shared_poll_publish: { params: 'SharedPollPublishParams', effect: 'write', since: '6.8.0', errors: ['bad_request', 'unknown_channel', 'not_available', 'internal_server_error', 'malformed_request', 'unauthorized'] },
} as const satisfies Record<string, MethodGlue>;

export type MethodName = keyof typeof methods;

export const methodNames = Object.keys(methods) as readonly MethodName[];

export type ErrorEntry =
  | { readonly id: ErrorId; readonly kind: 'soft' | 'unused'; readonly code: number; readonly message: string; readonly transportStatus: number }
  | { readonly id: ErrorId; readonly kind: 'hard'; readonly status: number; readonly body: string };

export const errorCatalogue = {
  internal_server_error: { id: 'internal_server_error', kind: 'soft', code: 100, message: 'internal server error', transportStatus: 500 },
  unknown_channel: { id: 'unknown_channel', kind: 'soft', code: 102, message: 'unknown channel', transportStatus: 404 },
  not_found: { id: 'not_found', kind: 'soft', code: 104, message: 'not found', transportStatus: 404 },
  bad_request: { id: 'bad_request', kind: 'soft', code: 107, message: 'bad request', transportStatus: 400 },
  not_available: { id: 'not_available', kind: 'soft', code: 108, message: 'not available', transportStatus: 400 },
  unrecoverable_position: { id: 'unrecoverable_position', kind: 'soft', code: 112, message: 'unrecoverable position', transportStatus: 416 },
  conflict: { id: 'conflict', kind: 'unused', code: 113, message: 'conflict', transportStatus: 409 },
  malformed_request: { id: 'malformed_request', kind: 'hard', status: 400, body: 'Bad Request\n' },
  unauthorized: { id: 'unauthorized', kind: 'hard', status: 401, body: '' },
  route_not_found: { id: 'route_not_found', kind: 'hard', status: 404, body: '404 page not found\n' },
  method_not_allowed: { id: 'method_not_allowed', kind: 'hard', status: 405, body: '' },
  internal_server_error_http: { id: 'internal_server_error_http', kind: 'hard', status: 500, body: 'Internal Server Error\n' },
} as const satisfies Record<ErrorId, ErrorEntry>;
