/** Spec §7.2: the API key (A01–A12). The calls are `channels {}`, whose reply does not vary with time (info's does). */
import type { Recording } from '../recording.js';

export async function recordAuth(r: Recording): Promise<void> {
  const path = '/api/channels';
  const body = '{}';
  const ok = { status: 200, code: null } as const;
  const refused = { status: 401 } as const;
  await r.http('A01_no_key', { path, headers: {}, body, spec: refused });
  await r.http('A02_x_api_key_wrong', { path, headers: { 'X-API-Key': 'nope' }, body, spec: refused });
  await r.http('A02_x_api_key_case', { path, headers: { 'X-API-Key': 'K1' }, body, spec: refused });
  await r.http('A03_authorization_apikey', { path, headers: { Authorization: 'apikey k1' }, body, spec: ok });
  await r.http('A04_authorization_upper', { path, headers: { Authorization: 'APIKEY k1' }, body, spec: ok });
  await r.http('A05_authorization_spaces', { path, headers: { Authorization: 'apikey    k1' }, body, spec: ok });
  await r.http('A06_authorization_bearer', { path, headers: { Authorization: 'Bearer k1' }, body, spec: refused });
  await r.http('A06_authorization_three_parts', {
    path,
    headers: { Authorization: 'apikey k1 k1' },
    body,
    spec: refused,
  });
  await r.http('A07_query_key', { path: `${path}?api_key=k1`, headers: {}, body, spec: ok });
  await r.http('A07_query_key_wrong', { path: `${path}?api_key=nope`, headers: {}, body, spec: refused });
  await r.http('A08_wrong_header_right_query', {
    path: `${path}?api_key=k1`,
    headers: { 'X-API-Key': 'nope' },
    body,
    spec: ok,
  });
  await r.http('A09_wrong_xapikey_right_authorization', {
    path,
    headers: { 'X-API-Key': 'nope', Authorization: 'apikey k1' },
    body,
    spec: refused,
  });
  await r.http('A10_empty_xapikey_right_authorization', {
    path,
    headers: { 'X-API-Key': '', Authorization: 'apikey k1' },
    body,
    spec: ok,
  });
  await r.http('A11_S2_insecure_no_key', { server: 'insecureApi', path, headers: {}, body, spec: ok });
  await r.http('A11_S2_insecure_wrong_key', {
    server: 'insecureApi',
    path,
    headers: { 'X-API-Key': 'nope' },
    body,
    spec: ok,
  });
  await r.http('A12_S3_empty_configured_key', {
    server: 'emptyApiKey',
    path,
    headers: { 'X-API-Key': '' },
    body,
    spec: refused,
  });
  await r.http('A12_S3_empty_configured_key_no_header', {
    server: 'emptyApiKey',
    path,
    headers: {},
    body,
    spec: refused,
  });
  await r.http('A12_S3_empty_configured_key_query', {
    server: 'emptyApiKey',
    path: `${path}?api_key=`,
    headers: {},
    body,
    spec: refused,
  });
}
