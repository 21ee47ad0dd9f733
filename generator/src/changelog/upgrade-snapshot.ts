import type { SchemaSet } from '../load/load-schema-set.js';

type Json = Record<string, unknown>;

/**
 * A snapshot written before transports were descriptors (a `sign` object, `batch` as a boolean,
 * no `request`/`reply`) in today's format, so a newer generator can still diff against it:
 * `sign` becomes `auth` of scheme hmac over the data, `batch: true` an array batch, and the
 * request and reply shapes, which the old format did not state, are taken from the transport of
 * the same id in `current` (the manifest diffed against): unknown before means unchanged. A
 * transport with no counterpart keeps its gaps and the snapshot then fails validation as before.
 * Anything already in today's format is returned as is.
 */
export function upgradeSnapshot(set: SchemaSet, current: unknown): SchemaSet {
  const manifest = set.manifest as Json | null;
  const transports = manifest?.['transports'];
  if (!Array.isArray(transports) || !transports.some(isLegacy)) return set;
  const now = new Map(
    (((current as Json | null)?.['transports'] as Json[] | undefined) ?? []).map((t) => [t['id'], t]),
  );
  return {
    ...set,
    manifest: {
      ...manifest,
      transports: transports.map((t: Json) => (isLegacy(t) ? upgrade(t, now.get(t['id'])) : t)),
    },
  };
}

function isLegacy(transport: unknown): boolean {
  const t = transport as Json | null;
  return t !== null && typeof t === 'object' && ('sign' in t || typeof t['batch'] === 'boolean' || !('request' in t));
}

function upgrade(old: Json, counterpart: Json | undefined): Json {
  const { sign, batch, ...rest } = old;
  return {
    ...rest,
    ...(rest['request'] === undefined && counterpart?.['request'] !== undefined
      ? { request: counterpart['request'] }
      : {}),
    ...(rest['reply'] === undefined && counterpart?.['reply'] !== undefined ? { reply: counterpart['reply'] } : {}),
    ...(sign === undefined ? {} : { auth: { scheme: 'hmac', over: 'data', ...(sign as Json) } }),
    ...(batch === true ? { batch: { item: 'array' } } : batch !== undefined && batch !== false ? { batch } : {}),
  };
}
