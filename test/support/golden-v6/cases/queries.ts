/**
 * Spec §7.6 without websocket clients: presence, presence_stats, channels, info, rpc. Info is
 * recorded twice: right after start (no `uptime` yet) and once the node entry has been refreshed
 * with an uptime, which `waitForUptime` waits for so that the recording does not depend on timing.
 */
import { API_KEY } from '../../centrifugo-v6.js';
import { sendHttp } from '../http.js';
import type { Recording } from '../recording.js';

const ok = { status: 200, code: null } as const;
const err = (code: number) => ({ status: 200, code }) as const;

/** Q13, the first request of a fresh server. */
export async function recordInfoAtStart(r: Recording): Promise<void> {
  await r.http('Q13_info_uptime_zero', {
    path: '/api/info',
    body: {},
    spec: ok,
    note: 'The first request after start: the node entry has no uptime yet (it is refreshed every 3 s).',
  });
}

export async function recordQueries(r: Recording): Promise<void> {
  const q = (
    name: string,
    method: string,
    body: object | string,
    spec: { status?: number; code?: number | null },
    note?: string,
  ) => r.http(name, { path: `/api/${method}`, body, spec, ...(note && { note }) });
  await q('Q01_presence_off', 'presence', { channel: 'news' }, err(108));
  await q('Q01_presence_stats_off', 'presence_stats', { channel: 'news' }, err(108));
  await q('Q02_presence_empty', 'presence', { channel: 'pres:r' }, ok);
  await q('Q03_presence_stats_empty', 'presence_stats', { channel: 'pres:r' }, ok);
  await q('Q04_presence_empty_channel', 'presence', { channel: '' }, err(107));
  await q('Q04_presence_unknown_ns', 'presence', { channel: 'nope:x' }, err(102));
  await q('Q04_presence_stats_empty_channel', 'presence_stats', { channel: '' }, err(107));
  await q('Q04_presence_stats_unknown_ns', 'presence_stats', { channel: 'nope:x' }, err(102));
  await q('Q07_channels_none', 'channels', {}, ok);
  await q('Q07_channels_null_body', 'channels', 'null', ok);
  await q('Q09_channels_pattern_none', 'channels', { pattern: 'zzz*' }, ok);
  await q('Q10_channels_bad_pattern', 'channels', { pattern: '[' }, err(100));
  await q('Q12_info_empty_body', 'info', '', { status: 400 });
  await q('Q14_rpc_no_method', 'rpc', {}, err(107));
  await q('Q15_rpc_unknown', 'rpc', { method: 'x', params: { a: 1 } }, err(104));
  await q('Q15_rpc_params_not_object', 'rpc', { method: 'x', params: 'text' }, err(104));
  await r.http('Q16_rpc_batch', { path: '/api/batch', body: { commands: [{ rpc: { method: 'x' } }] }, spec: ok });
}

/** Q11, once the node entry has an uptime. */
export async function recordInfo(r: Recording): Promise<void> {
  await waitForUptime(r);
  await r.http('Q11_info', { path: '/api/info', body: {}, spec: ok });
  await r.http('Q11_info_params_ignored', { path: '/api/info', body: { zzz: 1 }, spec: ok });
}

/** Polls info (unrecorded) until its node entry carries an uptime: at most 10 s. */
export async function waitForUptime(r: Recording, variant: 'rec' = 'rec'): Promise<void> {
  const server = await r.server(variant);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const request = { method: 'POST', path: '/api/info', headers: { 'X-API-Key': API_KEY }, body: '{}' };
    const res = await sendHttp(server.url, request, request.body);
    if (res.body.toString('utf8').includes('"uptime":')) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('info never showed an uptime');
}
