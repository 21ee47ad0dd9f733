/** Spec §7.4: broadcast (B01–B07). */
import type { Recording } from '../recording.js';

export async function recordBroadcast(r: Recording): Promise<void> {
  const b = (name: string, body: object, spec: { status?: number; code?: number | null }, note?: string) =>
    r.http(name, { path: '/api/broadcast', body, spec, ...(note && { note }) });
  await b('B01_ok', { channels: ['news', 'hist:h'], data: 1 }, { status: 200, code: null });
  await b('B02_no_channels', { data: 1 }, { status: 200, code: 107 });
  await b('B03_empty_list', { channels: [], data: 1 }, { status: 200, code: 107 });
  await b('B04_mixed_items', { channels: ['news', '', 'nope:x'], data: 1 }, { status: 200, code: null });
  await b('B05_no_data', { channels: ['news', 'hist:h'] }, { status: 200, code: null });
  await b('B06_bad_b64', { channels: ['news'], b64data: '!!' }, { status: 200, code: 107 });
  await b('B07_map_namespace', { channels: ['map:x'], data: 1 }, { status: 200, code: null });
  await b(
    'B08_json_object_items',
    { channels: ['jsonobj:x', 'bin:x'], data: [1] },
    { status: 200, code: null },
    'The data format is checked per channel.',
  );
  await b(
    'B09_idempotency_per_channel',
    { channels: ['hist:i', 'hist:j'], data: 1, idempotency_key: 'b' },
    { status: 200, code: null },
  );
  await b(
    'B09_idempotency_per_channel.again',
    { channels: ['hist:i', 'hist:j', 'hist:k'], data: 1, idempotency_key: 'b' },
    { status: 200, code: null },
  );
}
