/** Spec §7.10: transport error mode (M01–M09), by header and by config (S4). */
import type { Recording } from '../recording.js';

export async function recordTransportMode(r: Recording): Promise<void> {
  const headers = { 'X-API-Key': 'k1', 'X-Centrifugo-Error-Mode': 'transport' };
  const m = (
    name: string,
    method: string,
    body: object,
    spec: { status?: number; code?: number | null },
    h: Record<string, string> = headers,
  ) => r.http(name, { path: `/api/${method}`, headers: h, body, spec });
  await m('M01_ok', 'publish', { channel: 'news', data: 1 }, { status: 200, code: null });
  await m('M02_107', 'publish', {}, { status: 400, code: 107 });
  await m('M03_102', 'publish', { channel: 'nope:x', data: 1 }, { status: 404, code: 102 });
  await m('M04_108', 'history', { channel: 'news' }, { status: 400, code: 108 });
  await m(
    'M05_112',
    'history',
    { channel: 'hist:z', since: { offset: 3, epoch: 'xxxxxxxx' }, limit: -1 },
    { status: 416, code: 112 },
  );
  await m('M06_104', 'rpc', { method: 'x' }, { status: 404, code: 104 });
  await m('M07_100', 'channels', { pattern: '[' }, { status: 500, code: 100 });
  await m(
    'M08_header_case',
    'publish',
    {},
    { status: 200, code: 107 },
    { 'X-API-Key': 'k1', 'X-Centrifugo-Error-Mode': 'Transport' },
  );
  await m(
    'M08_header_name_case',
    'publish',
    {},
    { status: 400, code: 107 },
    { 'X-API-Key': 'k1', 'x-centrifugo-error-mode': 'transport' },
  );
  await m('M08_broadcast_items', 'broadcast', { channels: ['news', 'nope:x'], data: 1 }, { status: 200, code: null });
  await r.http('M08_bad_json', { path: '/api/publish', headers, body: '{', spec: { status: 400 } });
  const s4 = (name: string, method: string, body: object, spec: { status?: number; code?: number | null }) =>
    r.http(name, { server: 'transportErrorMode', path: `/api/${method}`, body, spec });
  await s4('M09_S4_config_mode', 'publish', {}, { status: 400, code: 107 });
  await s4('M09_S4_ok', 'publish', { channel: 'news', data: 1 }, { status: 200, code: null });
  await s4('M09_S4_102', 'presence', { channel: 'nope:x' }, { status: 404, code: 102 });
  await s4('M09_S4_batch', 'batch', { commands: [{ publish: {} }] }, { status: 200, code: null });
  await r.http('M09_S4_legacy', {
    server: 'transportErrorMode',
    path: '/api',
    body: '{"method":"publish","params":{}}',
    spec: { status: 200, code: 107 },
  });
}
