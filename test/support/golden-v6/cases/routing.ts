/** Spec §7.1: the HTTP envelope and routing (H01–H22), plus the empty handler prefix (S6). */
import type { Recording } from '../recording.js';

export async function recordRouting(r: Recording): Promise<void> {
  const publish = '/api/publish';
  await r.http('H01_publish_minimal', {
    path: publish,
    body: { channel: 'news', data: { t: 'hi' } },
    spec: { status: 200, code: null },
  });
  await r.http('H02_publish_with_history', {
    path: publish,
    body: { channel: 'hist:a', data: { n: 1 } },
    spec: { status: 200, code: null },
  });
  await r.http('H03_empty_body', { path: publish, body: '', spec: { status: 400 } });
  await r.http('H04_body_null', { path: publish, body: 'null', spec: { status: 200, code: 107 } });
  await r.http('H05_body_array', { path: publish, body: '[]', spec: { status: 400 } });
  await r.http('H05_body_number', { path: publish, body: '5', spec: { status: 400 } });
  await r.http('H05_body_string', { path: publish, body: '"news"', spec: { status: 400 } });
  await r.http('H06_body_trailing_garbage', {
    path: publish,
    body: '{"channel":"news","data":1} x',
    spec: { status: 400 },
  });
  await r.http('H07_body_trailing_whitespace', {
    path: publish,
    body: '{"channel":"news","data":1}\n\n  ',
    spec: { status: 200, code: null },
  });
  await r.http('H08_wrong_type_channel', { path: publish, body: '{"channel":123,"data":1}', spec: { status: 400 } });
  await r.http('H09_uint64_as_string', {
    path: publish,
    body: '{"channel":"hist:a","data":1,"version":"5"}',
    spec: { status: 400 },
  });
  // §1.4: no coercion, and integers must be integer literals of the field's range
  await r.http('H09_uint64_as_float', {
    path: publish,
    body: '{"channel":"hist:a","data":1,"version":1.0}',
    spec: { status: 400 },
  });
  await r.http('H09_uint64_negative', {
    path: publish,
    body: '{"channel":"hist:a","data":1,"version":-1}',
    spec: { status: 400 },
  });
  await r.http('H09_bool_as_string', {
    path: publish,
    body: '{"channel":"news","data":1,"skip_history":"true"}',
    spec: { status: 400 },
  });
  await r.http('H09_tags_number_value', {
    path: publish,
    body: '{"channel":"news","data":1,"tags":{"a":1}}',
    spec: { status: 400 },
  });
  await r.http('H10_unknown_field', {
    path: publish,
    body: '{"channel":"news","data":1,"zzz":true}',
    spec: { status: 200, code: null },
  });
  await r.http('H11_key_case_insensitive', {
    path: publish,
    body: '{"CHANNEL":"news","Data":1}',
    spec: { status: 200, code: null },
  });
  await r.http('H12_duplicate_key_last_wins', {
    path: publish,
    body: '{"channel":"","channel":"news","data":1}',
    spec: { status: 200, code: null },
  });
  await r.http('H12_duplicate_key_last_empty', {
    path: publish,
    body: '{"channel":"news","channel":"","data":1}',
    spec: { status: 200, code: 107 },
  });
  await r.http('H13_form_content_type', {
    path: publish,
    headers: { 'X-API-Key': 'k1', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: '{"channel":"news","data":1}',
    spec: { status: 200, code: null },
  });
  await r.http('H14_get_method', { method: 'GET', path: publish, spec: { status: 405 } });
  await r.http('H15_get_without_key', { method: 'GET', path: publish, headers: {}, spec: { status: 405 } });
  await r.http('H16_options_preflight', {
    method: 'OPTIONS',
    path: publish,
    headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST' },
    spec: { status: 405 },
  });
  await r.http('H16_put_method', {
    method: 'PUT',
    path: publish,
    body: '{"channel":"news","data":1}',
    spec: { status: 405 },
  });
  await r.http('H17_unknown_method_path', { path: '/api/foo', body: '{}', spec: { status: 404 } });
  await r.http('H18_unknown_path_no_key', { path: '/api/foo', headers: {}, body: '{}', spec: { status: 404 } });
  await r.http('H19_pro_path', { path: '/api/connections', body: '{}', spec: { status: 404 } });
  await r.http('H20_trailing_slash', {
    path: '/api/publish/',
    body: '{"channel":"news","data":1}',
    spec: { status: 404 },
  });
  await r.http('H20_api_slash', { path: '/api/', body: '{}', spec: { status: 404 } });
  await r.http('H20_method_case', { path: '/api/Publish', body: '{"channel":"news","data":1}', spec: { status: 404 } });
  await r.http('H20_unclean_path', {
    path: '//api/publish',
    body: '{"channel":"news","data":1}',
    spec: { status: 301 },
    note: 'Go ServeMux redirects a path that needs cleaning (307 keeps the method and body).',
  });
  await r.http('H21_query_string_ignored', {
    path: '/api/publish?x=1',
    body: '{"channel":"news","data":1}',
    spec: { status: 200, code: null },
  });
  await r.http('H22_big_body_5MiB', {
    path: publish,
    body: `{"channel":"news","data":"<x repeated ${5 * 1024 * 1024} times>"}`,
    expand: 'repeat',
    spec: { status: 200, code: null },
  });

  // S6: `http_api.handler_prefix: ""` (spec §1.1: the methods at /<method>, the legacy route at /)
  await r.http('H23_empty_prefix_method', {
    server: 'emptyPrefix',
    path: '/publish',
    body: { channel: 'news', data: 1 },
    spec: { status: 200, code: null },
  });
  await r.http('H23_empty_prefix_api_method', {
    server: 'emptyPrefix',
    path: '/api/publish',
    body: { channel: 'news', data: 1 },
    spec: { status: 404 },
  });
  await r.http('H23_empty_prefix_legacy_root', {
    server: 'emptyPrefix',
    path: '/',
    body: { method: 'publish', params: { channel: 'news', data: 1 } },
    spec: { status: 200 },
  });
}
