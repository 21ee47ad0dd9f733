/** Spec §7.8: batch (T01–T11). Runs after the history group: `hist:z` holds offsets 4–6. */
import type { Recording } from '../recording.js';

const ok = { status: 200, code: null } as const;

export async function recordBatch(r: Recording): Promise<void> {
  const t = (
    name: string,
    body: object | string,
    spec: { status?: number; code?: number | null },
    extra: { headers?: Record<string, string>; note?: string } = {},
  ) => r.http(name, { path: '/api/batch', body, spec, ...extra });
  const twoOk = { commands: [{ publish: { channel: 'news', data: 1 } }, { history: { channel: 'hist:z' } }] };
  await t('T01_empty', {}, ok);
  await t('T01_null_body', 'null', ok);
  await t('T02_empty_commands', { commands: [] }, ok);
  await t('T03_two_ok', twoOk, ok);
  await t('T04_item_error', { commands: [{ publish: { channel: 'nope:x', data: 1 } }] }, ok);
  await t('T05_unknown_key_empty', { commands: [{}] }, ok);
  await t('T05_unknown_key_pro', { commands: [{ connections: {} }] }, ok);
  await t('T06_null_item', { commands: [null] }, ok);
  await t('T07_two_keys', { commands: [{ presence: { channel: 'pres:r' }, history: { channel: 'hist:z' } }] }, ok);
  await t('T07_two_keys_publish_first', { commands: [{ info: {}, publish: { channel: 'news', data: 1 } }] }, ok);
  await t('T08_parallel', { ...twoOk, parallel: true }, ok);
  await t('T09_transport_header_ignored', { commands: [{ publish: { channel: 'nope:x', data: 1 } }] }, ok, {
    headers: { 'X-API-Key': 'k1', 'X-Centrifugo-Error-Mode': 'transport' },
  });
  await t('T10_bad_shape', { commands: {} }, { status: 400 });
  await t('T11_bad_inner_type', { commands: [{ publish: { channel: 1 } }] }, { status: 400 });
  await t(
    'T12_every_method',
    {
      commands: [
        { publish: { channel: 'hist:t', data: { n: 1 } } },
        { broadcast: { channels: ['news', 'hist:t'], data: 2 } },
        { subscribe: { channel: 'news', user: 'ghost' } },
        { unsubscribe: { channel: 'news', user: 'ghost' } },
        { disconnect: { user: 'ghost' } },
        { refresh: { user: 'ghost' } },
        { presence: { channel: 'pres:r' } },
        { presence_stats: { channel: 'pres:r' } },
        { history: { channel: 'hist:t', limit: -1 } },
        { history_remove: { channel: 'hist:t' } },
        { channels: {} },
        { rpc: { method: 'x' } },
        { map_publish: { channel: 'mapp:t', key: 'k', data: 1 } },
        { map_read_state: { channel: 'mapp:t', limit: -1 } },
        { map_read_stream: { channel: 'mapp:t', limit: -1 } },
        { map_stats: { channel: 'mapp:t' } },
        { map_remove: { channel: 'mapp:t', key: 'k' } },
        { map_clear: { channel: 'mapp:t' } },
        { shared_poll_publish: { channel: 'news', key: 'k', version: 1 } },
      ],
    },
    ok,
    { note: 'One command of each method but info (its reply varies), each reply keyed by its method.' },
  );
  await t('T13_key_case', { COMMANDS: [{ Publish: { Channel: 'news', data: 1 } }] }, ok);
  await t(
    'T13_item_errors_and_results_mixed',
    {
      commands: [
        { history: { channel: 'news' } },
        { presence_stats: { channel: 'pres:r' } },
        null,
        { history_remove: {} },
      ],
    },
    ok,
  );
}
