/**
 * A hand-written stand-in for the generated v6 glue (until schema/centrifugo-v6 and the emitter
 * produce `src/v6/gen/client.gen.ts`): the transport descriptor as design-v6.md drafts it, a
 * method table, a few methods' types, and a typed client and batch written the way the emitter
 * will write them.
 */
import type { CallOptions, HttpTransportDescriptor, KeyedBatchEntry, MethodTable, OpenEntries, Append, EnvelopeClientOptions, ProtocolBinding } from '../../../src/v6/index.js';
import { BatchCore, EnvelopeClientCore } from '../../../src/v6/index.js';

export const HTTP_API = {
  id: 'http-api',
  kind: 'http',
  default: true,
  description: 'POST /api/<method>, JSON params, API key in X-API-Key, {result}|{error} envelope.',
  http: { method: 'POST', path: '/api/{method}', body: 'json', contentType: 'application/json' },
  request: { shape: 'params' },
  reply: { shape: 'envelope', result: 'result', error: 'error' },
  auth: {
    scheme: 'api-key',
    header: 'X-API-Key',
    alternatives: [{ header: 'Authorization', prefix: 'apikey ' }, { query: 'api_key' }],
    optional: true,
  },
  error: {
    type: 'types/error.schema.json',
    code: 'code',
    message: 'message',
    transportMode: { header: 'X-Centrifugo-Error-Mode', value: 'transport' },
  },
  batch: { method: 'batch', commands: 'commands', item: 'keyed', replies: 'replies', options: ['parallel'] },
} as const satisfies HttpTransportDescriptor;

export const METHODS = {
  publish: { effect: 'write', idempotencyKey: 'idempotency_key' },
  broadcast: { effect: 'write', idempotencyKey: 'idempotency_key' },
  history: { effect: 'read' },
  presence: { effect: 'read' },
  info: { effect: 'read' },
  rpc: { effect: 'write' },
} as const satisfies MethodTable;

/** The numbered codes of the server API (the generated `ErrorCode`). */
export type ErrorCode = 100 | 102 | 104 | 107 | 108 | 112 | 113;

export interface StreamPosition {
  offset: number;
  epoch: string;
}
export interface Publication {
  data?: unknown;
  offset?: number;
  tags?: Record<string, string>;
}
export interface PublishParams {
  channel: string;
  data?: unknown;
  b64data?: string;
  skip_history?: boolean;
  tags?: Record<string, string>;
  idempotency_key?: string;
}
export interface PublishResult {
  offset?: number;
  epoch?: string;
}
export interface HistoryParams {
  channel: string;
  limit?: number;
  since?: StreamPosition;
  reverse?: boolean;
}
export interface HistoryResult {
  publications: Publication[];
  offset: number;
  epoch: string;
}
export interface PresenceParams {
  channel: string;
}
export interface PresenceResult {
  presence: Record<string, { user: string; client: string }>;
}
export interface InfoResult {
  nodes: { uid: string; name: string; version: string }[];
}
export interface RpcParams {
  method: string;
  params?: unknown;
}

export type V6Methods = {
  publish: { params: PublishParams; result: PublishResult };
  history: { params: HistoryParams; result: HistoryResult };
  presence: { params: PresenceParams; result: PresenceResult };
  info: { params: Record<string, never>; result: InfoResult };
  rpc: { params: RpcParams; result: { data?: unknown } };
};
export type BatchOptions = { parallel?: boolean };
type AnyEntry = KeyedBatchEntry<V6Methods[keyof V6Methods]['result'], ErrorCode>;

export const binding = (extra: Partial<ProtocolBinding> = {}): ProtocolBinding => ({ methods: METHODS, transport: HTTP_API, ...extra });

export class V6Batch<T extends readonly KeyedBatchEntry<unknown, ErrorCode>[] = OpenEntries<AnyEntry>> extends BatchCore<T, BatchOptions> {
  publish(params: PublishParams): V6Batch<Append<T, KeyedBatchEntry<PublishResult, ErrorCode>>> {
    return this.push('publish', params);
  }

  history(params: HistoryParams): V6Batch<Append<T, KeyedBatchEntry<HistoryResult, ErrorCode>>> {
    return this.push('history', params);
  }

  presence(params: PresenceParams): V6Batch<Append<T, KeyedBatchEntry<PresenceResult, ErrorCode>>> {
    return this.push('presence', params);
  }

  /** Any command, for error tests (the generated batch has no such escape hatch). */
  raw(method: string, params: unknown): V6Batch<Append<T, KeyedBatchEntry<unknown, ErrorCode>>> {
    return this.push(method, params);
  }
}

export class V6Client extends EnvelopeClientCore<V6Methods, ErrorCode, BatchOptions> {
  constructor(options: EnvelopeClientOptions, protocol: ProtocolBinding = binding()) {
    super(options, protocol);
  }

  publish(params: PublishParams, options?: CallOptions): Promise<PublishResult> {
    return this.call('publish', params, options);
  }

  history(params: HistoryParams, options?: CallOptions): Promise<HistoryResult> {
    return this.call('history', params, options);
  }

  presence(params: PresenceParams, options?: CallOptions): Promise<PresenceResult> {
    return this.call('presence', params, options);
  }

  info(params: Record<string, never> = {}, options?: CallOptions): Promise<InfoResult> {
    return this.call('info', params, options);
  }

  rpc(params: RpcParams, options?: CallOptions): Promise<{ data?: unknown }> {
    return this.call('rpc', params, options);
  }

  /** Any method with any params: the escape hatch for error tests. */
  callRaw(method: string, params: unknown, options?: CallOptions): Promise<unknown> {
    return this.call(method as never, params as never, options);
  }

  batch(): V6Batch {
    return new V6Batch((commands, options) => this.runBatch(commands, options));
  }
}
