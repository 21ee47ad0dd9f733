import type { Manifest, ManifestTransport } from '../load/manifest.js';
import type { AuthIR, BatchIR, ReplyIR, RequestIR, TransportIR } from './transport-ir.js';

/**
 * One transport descriptor as IR: defaults filled in, the envelopes and the error type named by
 * their type names (`nameOf` maps a schema file to its type name). The manifest was validated,
 * so the fields each shape needs are there.
 */
export function toTransportIR(t: ManifestTransport, manifest: Manifest, nameOf: (file: string) => string): TransportIR {
  return {
    id: t.id,
    kind: t.kind,
    description: t.description,
    isDefault: t.default ?? false,
    http: t.http && {
      method: t.http.method,
      path: t.http.path,
      body: t.http.body,
      contentType: t.http.contentType,
      dataField: t.http.dataField,
    },
    queue: t.queue && {
      system: t.queue.system,
      keys: t.queue.keys,
      shardKey: t.queue.shardKey,
      push: t.queue.push,
      itemsPerCommand: t.queue.itemsPerCommand ?? 1,
    },
    request: requestOf(t, manifest, nameOf),
    reply: replyOf(t, manifest, nameOf),
    auth: authOf(t),
    error: t.error && {
      type: nameOf(t.error.type),
      code: t.error.code,
      message: t.error.message,
      transportMode: t.error.transportMode && {
        header: t.error.transportMode.header,
        value: t.error.transportMode.value,
      },
    },
    batch: batchOf(t),
    methods: t.methods ?? manifest.methods.map((m) => m.name),
  };
}

function requestOf({ request }: ManifestTransport, manifest: Manifest, nameOf: (file: string) => string): RequestIR {
  if (request.shape === 'params') return { shape: 'params' };
  return {
    shape: 'commands',
    envelope: request.envelope === undefined ? undefined : nameOf(manifest.envelopes[request.envelope]),
    method: request.method ?? '',
    params: request.params ?? '',
  };
}

function replyOf({ reply }: ManifestTransport, manifest: Manifest, nameOf: (file: string) => string): ReplyIR {
  const envelope = reply.envelope === undefined ? undefined : nameOf(manifest.envelopes[reply.envelope]);
  switch (reply.shape) {
    case 'commands':
      return {
        shape: 'commands',
        envelope,
        method: reply.method,
        result: reply.result ?? '',
        error: reply.error ?? '',
      };
    case 'envelope':
      return { shape: 'envelope', envelope, result: reply.result ?? '', error: reply.error ?? '' };
    case 'none':
      return { shape: 'none' };
    default:
      return reply.shape satisfies never;
  }
}

function authOf({ auth }: ManifestTransport): AuthIR | undefined {
  if (auth === undefined) return undefined;
  if (auth.scheme === 'hmac') {
    return {
      scheme: 'hmac',
      algorithm: auth.algorithm,
      encoding: auth.encoding,
      over: auth.over,
      field: auth.field,
      header: auth.header,
      optional: auth.optional ?? false,
    };
  }
  return {
    scheme: 'api-key',
    header: auth.header,
    prefix: auth.prefix,
    alternatives: (auth.alternatives ?? []).map((a) =>
      'query' in a ? { in: 'query', query: a.query } : { in: 'header', header: a.header, prefix: a.prefix },
    ),
    optional: auth.optional ?? false,
  };
}

function batchOf({ batch }: ManifestTransport): BatchIR | undefined {
  if (batch === undefined) return undefined;
  if (batch.item === 'array') return { item: 'array' };
  return {
    item: 'keyed',
    method: batch.method,
    commands: batch.commands,
    replies: batch.replies,
    options: batch.options ?? [],
    reply: batch.reply ?? 'envelope',
  };
}
