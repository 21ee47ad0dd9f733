/** Spec §7.11: the map methods and shared_poll_publish (X01–X12), on `map` (recoverable) and `mapp` (persistent). */
import type { Recording } from '../recording.js';

const ok = { status: 200, code: null } as const;
const err = (code: number) => ({ status: 200, code }) as const;

export async function recordMap(r: Recording): Promise<void> {
  const x = (
    name: string,
    method: string,
    body: object,
    spec: { status?: number; code?: number | null },
    note?: string,
  ) => r.http(name, { path: `/api/${method}`, body, spec, ...(note && { note }) });
  const first = await x('X01_map_publish_ok', 'map_publish', { channel: 'map:m', key: 'a', data: { v: 1 } }, ok);
  const epoch = (first.json as { result?: { epoch?: string } }).result?.epoch ?? '';
  await x(
    'X01_map_publish_second_key',
    'map_publish',
    { channel: 'map:m', key: 'b', data: { v: 2 }, tags: { t: '1' }, score: 5 },
    ok,
  );
  await x('X02_map_publish_missing_key', 'map_publish', { channel: 'map:m', data: 1 }, err(107));
  await x('X02_map_publish_missing_channel', 'map_publish', { key: 'a', data: 1 }, err(107));
  await x('X02_map_publish_unknown_ns', 'map_publish', { channel: 'nope:x', key: 'a', data: 1 }, err(102));
  await x('X02_map_publish_bad_b64', 'map_publish', { channel: 'map:m', key: 'a', b64data: '!!' }, err(107));
  await x(
    'X02_map_publish_no_data',
    'map_publish',
    { channel: 'map:m', key: 'c' },
    ok,
    'map_publish checks no data format.',
  );
  await x('X03_map_publish_stream_ns', 'map_publish', { channel: 'news', key: 'a', data: 1 }, err(107));
  await x('X04_map_publish_if_new.1', 'map_publish', { channel: 'map:m', key: 'n', data: 1, key_mode: 'if_new' }, ok);
  await x('X04_map_publish_if_new.2', 'map_publish', { channel: 'map:m', key: 'n', data: 2, key_mode: 'if_new' }, ok);
  await x(
    'X04_map_publish_if_exists_missing',
    'map_publish',
    { channel: 'map:m', key: 'zz', data: 1, key_mode: 'if_exists' },
    ok,
  );
  await x(
    'X04_map_publish_idempotency.1',
    'map_publish',
    { channel: 'map:m', key: 'i', data: 1, idempotency_key: 'i1' },
    ok,
  );
  await x(
    'X04_map_publish_idempotency.2',
    'map_publish',
    { channel: 'map:m', key: 'i', data: 1, idempotency_key: 'i1' },
    ok,
  );
  await x(
    'X05_map_publish_bad_key_mode',
    'map_publish',
    { channel: 'map:m', key: 'a', data: 1, key_mode: 'upsert' },
    err(107),
  );
  await x('X06_map_read_state', 'map_read_state', { channel: 'map:m', limit: -1 }, ok);
  await x('X06_map_read_state_page', 'map_read_state', { channel: 'map:m', limit: 2 }, ok);
  await x('X06_map_read_state_key', 'map_read_state', { channel: 'map:m', key: 'b', limit: -1 }, ok);
  await x('X07_map_read_state_limit0', 'map_read_state', { channel: 'map:m' }, ok);
  await x('X07_map_read_state_fresh', 'map_read_state', { channel: 'map:fresh', limit: -1 }, ok);
  await x(
    'X08_map_read_state_bad_revision',
    'map_read_state',
    { channel: 'map:m', revision_epoch: 'xxxxxxxx', revision_offset: 1, limit: -1 },
    err(112),
  );
  await x(
    'X08_map_read_state_revision',
    'map_read_state',
    { channel: 'map:m', revision_epoch: epoch, revision_offset: 1, limit: -1 },
    ok,
  );
  await x('X08_map_read_state_errors', 'map_read_state', { channel: 'news', limit: -1 }, err(107));
  await x('X09_map_read_stream', 'map_read_stream', { channel: 'map:m', limit: -1 }, ok);
  await x(
    'X09_map_read_stream_since',
    'map_read_stream',
    { channel: 'map:m', since_offset: 2, since_epoch: epoch, limit: -1 },
    ok,
  );
  await x('X09_map_read_stream_reverse', 'map_read_stream', { channel: 'map:m', limit: 2, reverse: true }, ok);
  await x(
    'X09_map_read_stream_bad_epoch',
    'map_read_stream',
    { channel: 'map:m', since_offset: 1, since_epoch: 'xxxxxxxx', limit: -1 },
    err(112),
  );
  await x(
    'X09_map_read_stream_persistent',
    'map_read_stream',
    { channel: 'mapp:m', limit: -1 },
    ok,
    'A persistent map namespace without a stream.',
  );
  await x('X10_map_stats', 'map_stats', { channel: 'map:m' }, ok);
  await x('X10_map_remove', 'map_remove', { channel: 'map:m', key: 'a' }, ok);
  await x('X10_map_remove_missing', 'map_remove', { channel: 'map:m', key: 'nokey' }, ok);
  await x('X10_map_remove_no_key', 'map_remove', { channel: 'map:m' }, err(107));
  await x('X10_map_stats_after_remove', 'map_stats', { channel: 'map:m' }, ok);
  await x('X10_map_clear', 'map_clear', { channel: 'map:m' }, ok);
  await x('X10_map_stats_after_clear', 'map_stats', { channel: 'map:m' }, ok);
  await x('X10_map_clear_errors', 'map_clear', { channel: '' }, err(107));
  await x('X10_map_stats_stream_ns', 'map_stats', { channel: 'news' }, err(107));
  await x('X11_shared_poll_no_version', 'shared_poll_publish', { channel: 'news', key: 'k' }, err(107));
  await x(
    'X11_shared_poll_not_shared_poll_ns',
    'shared_poll_publish',
    { channel: 'news', key: 'k', version: 1, data: 1 },
    err(107),
  );
  await x('X11_shared_poll_unknown_ns', 'shared_poll_publish', { channel: 'nope:x', key: 'k', version: 1 }, err(102));
  const sp = (name: string, body: object, spec: { status?: number; code?: number | null }) =>
    r.http(name, { server: 'sharedPoll', path: '/api/shared_poll_publish', body, spec });
  await sp('X12_shared_poll_ok', { channel: 'sp:a', key: 'k', version: 1, data: { x: 1 } }, ok);
  await sp('X12_shared_poll_same_version', { channel: 'sp:a', key: 'k', version: 1, data: { x: 2 } }, ok);
  await sp('X12_shared_poll_no_key', { channel: 'sp:a', version: 2, data: 1 }, err(107));
  await sp('X12_shared_poll_bad_b64', { channel: 'sp:a', key: 'k', version: 2, b64data: '!!' }, err(107));
}
