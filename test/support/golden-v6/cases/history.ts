/** Spec §7.5: history and history_remove (R01–R24). `hist:z` keeps 3 of the 5 publications. */
import type { Recording } from '../recording.js';

const ok = { status: 200, code: null } as const;
const err = (code: number) => ({ status: 200, code }) as const;

export async function recordHistory(r: Recording): Promise<void> {
  const h = (name: string, body: object | string, spec: { status?: number; code?: number | null }, note?: string) =>
    r.http(name, { path: '/api/history', body, spec, ...(note && { note }) });
  const z = (extra: object) => ({ channel: 'hist:z', ...extra });

  for (let n = 1; n <= 5; n++)
    await r.http(`R00_prep_publish_${n}`, { path: '/api/publish', body: { channel: 'hist:z', data: { n } }, spec: ok });
  await h('R01_not_enabled', { channel: 'news' }, err(108));
  await h('R02_unknown_ns', { channel: 'nope:x' }, err(102));
  await h('R03_empty_channel', { channel: '' }, err(107));
  await h('R03_null_body', 'null', err(107));
  await h('R04_fresh_channel', { channel: 'hist:new1' }, ok);
  await h('R04_fresh_channel.again', { channel: 'hist:new1' }, ok);
  const top = await h('R05_no_limit', z({}), ok);
  const E = (top.json as { result: { epoch: string } }).result.epoch;
  await h('R06_limit_1', z({ limit: 1 }), ok);
  await h('R07_limit_minus1', z({ limit: -1 }), ok);
  await h('R08_limit_minus7', z({ limit: -7 }), ok);
  await h('R09_limit_100', z({ limit: 100 }), ok);
  await h('R10_reverse_2', z({ limit: 2, reverse: true }), ok);
  await h('R10_reverse_all', z({ limit: -1, reverse: true }), ok);
  await h('R11_since_forward', z({ since: { offset: 3, epoch: E }, limit: -1 }), ok);
  await h('R11_since_forward_limit_1', z({ since: { offset: 3, epoch: E }, limit: 1 }), ok);
  await h('R12_since_limit0', z({ since: { offset: 3, epoch: E } }), ok);
  await h('R13_since_top', z({ since: { offset: 5, epoch: E }, limit: -1 }), ok);
  await h('R14_since_beyond_top', z({ since: { offset: 50, epoch: E }, limit: -1 }), ok);
  await h('R15_since_trimmed', z({ since: { offset: 1, epoch: E }, limit: -1 }), ok);
  await h('R16_since_wrong_epoch', z({ since: { offset: 3, epoch: 'xxxxxxxx' }, limit: -1 }), err(112));
  await h('R17_since_no_epoch', z({ since: { offset: 3 }, limit: -1 }), ok);
  await h('R17_since_null', z({ since: null, limit: -1 }), ok);
  await h('R18_reverse_since', z({ since: { offset: 5, epoch: E }, limit: -1, reverse: true }), ok);
  await h('R18_reverse_since_trimmed', z({ since: { offset: 3, epoch: E }, limit: -1, reverse: true }), ok);
  await h('R19_reverse_since_zero', z({ since: { epoch: E }, reverse: true, limit: 1 }), err(100));
  await h('R19_limit_int32_overflow', z({ limit: 2147483648 }), { status: 400 });
  await r.http('R20_html_and_whitespace.publish', {
    path: '/api/publish',
    body: '{"channel":"hist:w","data":{ "a" : "<b>&\u2028" }}',
    spec: ok,
  });
  await h('R20_html_and_whitespace', { channel: 'hist:w', limit: -1 }, ok);
  await r.http('R21_binary_then_history.publish', {
    path: '/api/publish',
    body: { channel: 'bin:y', b64data: 'AP8=' },
    spec: ok,
  });
  await h('R21_binary_then_history', { channel: 'bin:y', limit: -1 }, { status: 500 });
  await r.http('R21_number_literal.publish', {
    path: '/api/publish',
    body: '{"channel":"bin:n","data":1.50}',
    spec: ok,
  });
  await h('R21_number_literal', { channel: 'bin:n', limit: -1 }, ok, 'Raw data keeps its number literal.');
  const rm = (name: string, body: object, spec: { status?: number; code?: number | null }) =>
    r.http(name, { path: '/api/history_remove', body, spec });
  await rm('R22_remove_ok', { channel: 'hist:z' }, ok);
  await h('R22_remove_ok.history', z({ limit: -1 }), ok);
  await r.http('R22_remove_ok.publish', {
    path: '/api/publish',
    body: { channel: 'hist:z', data: { n: 6 } },
    spec: ok,
  });
  await rm('R23_remove_not_enabled', { channel: 'news' }, err(108));
  await rm('R24_remove_empty_channel', { channel: '' }, err(107));
  await rm('R24_remove_unknown_ns', { channel: 'nope:x' }, err(102));
}
