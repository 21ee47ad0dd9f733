/** Spec §7.9: the legacy `POST /api` (L01–L13). Recorded after info has an uptime (L02 and L11 call info). */
import type { Recording } from '../recording.js';

export async function recordLegacy(r: Recording): Promise<void> {
  const l = (name: string, body: string, spec: { status?: number; code?: number | null }, note?: string) =>
    r.http(name, { path: '/api', body, spec, ...(note && { note }) });
  const cmd = (o: object) => JSON.stringify(o);
  await l('L01_publish', cmd({ method: 'publish', params: { channel: 'news', data: 1 } }), { status: 200, code: null });
  await l('L02_with_id', cmd({ id: 7, method: 'info', params: {} }), { status: 200, code: null });
  await l(
    'L03_ndjson_two',
    `${cmd({ method: 'publish', params: { channel: 'news', data: 1 } })}\n${cmd({ id: 2, method: 'presence_stats', params: { channel: 'pres:r' } })}`,
    { status: 200 },
  );
  await l(
    'L04_space_separated',
    `${cmd({ id: 1, method: 'channels', params: {} })} ${cmd({ id: 2, method: 'rpc', params: {} })}`,
    { status: 200 },
  );
  await l('L05_no_method', cmd({ params: { channel: 'news', data: 1 } }), { status: 200, code: null });
  await l('L06_upper_method', cmd({ method: 'PRESENCE_STATS', params: { channel: 'pres:r' } }), {
    status: 200,
    code: null,
  });
  await l('L07_numeric_method', cmd({ method: 8, params: {} }), { status: 200, code: null });
  await l('L08_unknown_string', cmd({ method: 'foo', params: {} }), { status: 400 });
  await l('L08_numeric_string', cmd({ method: '13', params: {} }), { status: 400 });
  await l('L09_numeric_unknown', cmd({ method: 13, params: {} }), { status: 200, code: 104 });
  await l('L10_pro_name', cmd({ method: 'connections', params: {} }), { status: 200, code: 104 });
  await l('L11_missing_params', cmd({ method: 'history' }), { status: 200, code: 107 });
  await l('L11_missing_params_info', cmd({ method: 'info' }), { status: 200, code: null });
  await l('L11_null_params', cmd({ method: 'history', params: null }), { status: 200, code: 107 });
  await l('L12_empty_body', '', { status: 400 });
  await l('L12_array', '[{"method":"info"}]', { status: 400 });
  await l('L13_garbage_second_line', `${cmd({ method: 'publish', params: { channel: 'hist:q', data: 1 } })}\nxx`, {
    status: 400,
  });
  await r.http('L13_garbage_second_line.history', {
    path: '/api/history',
    body: { channel: 'hist:q', limit: -1 },
    spec: { status: 200, code: null },
  });
  await l(
    'L14_map_method',
    cmd({ method: 'map_stats', params: { channel: 'mapp:l' } }),
    { status: 200 },
    'Whether the legacy table knows the v6.8 methods.',
  );
  await l('L14_batch_method', cmd({ method: 'batch', params: { commands: [{ channels: {} }] } }), { status: 200 });
  await r.http('L15_transport_header_ignored', {
    path: '/api',
    headers: { 'X-API-Key': 'k1', 'X-Centrifugo-Error-Mode': 'transport' },
    body: cmd({ method: 'publish', params: {} }),
    spec: { status: 200, code: 107 },
  });
}
