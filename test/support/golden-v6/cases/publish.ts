/** Spec §7.3: publish (P01–P18). History reads after a publish show what was stored. */
import type { Recording } from '../recording.js';

const ok = { status: 200, code: null } as const;
const err = (code: number) => ({ status: 200, code }) as const;

export async function recordPublish(r: Recording): Promise<void> {
  const p = (name: string, body: unknown, spec?: { status?: number; code?: number | null }, note?: string) =>
    r.http(name, {
      path: '/api/publish',
      body: typeof body === 'string' ? body : (body as object),
      ...(spec && { spec }),
      ...(note && { note }),
    });
  const history = (name: string, channel: string) =>
    r.http(name, { path: '/api/history', body: { channel, limit: -1 }, spec: ok });

  await p('P01_no_channel', { data: 1 }, err(107));
  await p('P02_no_data', { channel: 'news' }, err(107));
  await p('P03_unknown_ns_no_data', { channel: 'nope:x' }, err(102));
  await p('P03_unknown_ns', { channel: 'nope:x', data: 1 }, err(102));
  await p('P04_data_null', { channel: 'news', data: null }, ok);
  await p('P05_data_empty_string', { channel: 'news', data: '' }, ok);
  await p('P06_data_array', { channel: 'news', data: [1, 2] }, ok);
  await p('P06_data_number', { channel: 'news', data: 3 }, ok);
  await p('P07_b64data', { channel: 'hist:b', b64data: 'eyJhIjoxfQ==' }, ok);
  await history('P07_b64data.history', 'hist:b');
  await p('P08_b64data_invalid', { channel: 'news', b64data: '!!' }, err(107));
  await p('P09_b64data_urlsafe_unpadded', { channel: 'news', b64data: 'eyJhIjoxfQ' }, err(107));
  await p('P09_b64data_empty_string', { channel: 'news', b64data: '' }, err(107), 'An empty b64data is no data.');
  await p('P10_b64_wins_over_data', { channel: 'hist:c', data: 1, b64data: 'Mg==' }, ok);
  await history('P10_b64_wins_over_data.history', 'hist:c');
  await p('P11_private_channel', { channel: '$p', data: 1 }, ok);
  await p('P11_long_channel', { channel: 'c'.repeat(300), data: 1 }, ok);
  await p('P11_non_ascii_channel', { channel: 'новости', data: 1 }, ok);
  await p('P12_colon_prefix', { channel: ':x', data: 1 }, ok);
  await p('P13_skip_history', { channel: 'hist:d', data: 1, skip_history: true }, ok);
  await r.http('P13_skip_history.history', { path: '/api/history', body: { channel: 'hist:d' }, spec: ok });
  await p('P14_tags', { channel: 'hist:e', data: 1, tags: { b: '2', a: '1' } }, ok);
  await history('P14_tags.history', 'hist:e');
  await p('P15_idempotency_twice.1', { channel: 'hist:f', data: 1, idempotency_key: 'k' }, ok);
  await p('P15_idempotency_twice.2', { channel: 'hist:f', data: 1, idempotency_key: 'k' }, ok);
  await p(
    'P15_idempotency_other_data',
    { channel: 'hist:f', data: 2, idempotency_key: 'k' },
    ok,
    'The same key with other data within the window: the cached result again.',
  );
  await p('P15_idempotency_no_history', { channel: 'news', data: 1, idempotency_key: 'k' }, ok);
  await history('P15_idempotency_twice.history', 'hist:f');
  await p('P16_version_ordering.5', { channel: 'hist:g', data: 5, version: 5 }, ok);
  await p('P16_version_ordering.4', { channel: 'hist:g', data: 4, version: 4 }, ok);
  await p('P16_version_ordering.6', { channel: 'hist:g', data: 6, version: 6 }, ok);
  await p(
    'P16_version_epoch_other',
    { channel: 'hist:g', data: 3, version: 3, version_epoch: 'other' },
    ok,
    'Another version_epoch: the version is not compared.',
  );
  await history('P16_version_ordering.history', 'hist:g');
  await p('P16_version_without_history', { channel: 'news', data: 1, version: 1 }, ok);
  await p('P17_json_object_array', { channel: 'jsonobj:x', data: [1] }, err(107));
  await p('P17_json_object_ok', { channel: 'jsonobj:x', data: { a: 1 } }, ok);
  await p('P17_json_object_string', { channel: 'jsonobj:x', data: 'a' }, err(107));
  await p('P17_binary_no_data', { channel: 'bin:x' }, ok);
  await p('P17_json_object_b64_not_json', { channel: 'jsonobj:x', b64data: 'YWJj' }, err(107));
  await p('P17_json_object_b64_object', { channel: 'jsonobj:x', b64data: 'eyJhIjoxfQ==' }, ok);
  await p('P18_map_namespace', { channel: 'map:x', data: 1 }, err(107));
  await p('P18_delta_flag', { channel: 'delta:x', data: { a: 1 }, delta: true }, ok);
}
