/**
 * Start-up validation (spec §3.4): configs the real server refuses to start with, and what it
 * logs (test/fixtures/centrifugo-v6/startup.jsonl). Each config is a small change to a minimal
 * valid one; the server is expected to exit by itself. Also two configs that start but warn.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { centrifugoPath } from '../../../scripts/centrifugo.js';
import { cleanEnv, freePort, type CentrifugoConfig } from '../centrifugo-v6.js';
import { Recording } from './recording.js';

const BASE = { http_api: { key: 'k1' }, usage_stats: { disabled: true } };
const ns = (o: object) => ({ channel: { namespaces: [{ name: 'ab', ...o }] } });
const top = (o: object) => ({ channel: { without_namespace: o } });

/** Name, config change, and whether the server is expected to keep running (warnings only). */
const CASES: readonly (readonly [string, object | string, 'exits' | 'runs'])[] = [
  ['S01_history_size_without_ttl', top({ history_size: 3 }), 'exits'],
  ['S01_history_ttl_without_size', top({ history_ttl: '300s' }), 'exits'],
  ['S02_history_ttl_over_meta_ttl', top({ history_size: 3, history_ttl: '1000h' }), 'exits'],
  ['S03_recovery_without_history', top({ force_recovery: true }), 'exits'],
  ['S04_sub_second_history_ttl', top({ history_size: 3, history_ttl: '1500ms' }), 'exits'],
  ['S04_history_ttl_number', top({ history_size: 3, history_ttl: 300 }), 'exits'],
  ['S05_namespace_name_short', ns({ name: 'a' }), 'exits'],
  ['S05_namespace_name_space', ns({ name: 'a b' }), 'exits'],
  ['S06_namespace_duplicate', { channel: { namespaces: [{ name: 'ab' }, { name: 'ab' }] } }, 'exits'],
  ['S07_namespace_data_format', ns({ publication_data_format: 'xml' }), 'exits'],
  ['S07_top_level_data_format', { channel: { publication_data_format: 'xml' } }, 'exits'],
  ['S08_map_without_mode', ns({ subscription_type: 'map' }), 'exits'],
  ['S08_map_ephemeral_without_key_ttl', ns({ subscription_type: 'map', map: { mode: 'ephemeral' } }), 'exits'],
  ['S09_shared_poll_without_secret', ns({ subscription_type: 'shared_poll' }), 'exits'],
  [
    'S09_shared_poll_without_refresh_endpoint',
    { shared_poll: { hmac_secret_key: 'sp' }, ...ns({ subscription_type: 'shared_poll' }) },
    'exits',
  ],
  ['S10_unknown_subscription_type', ns({ subscription_type: 'nope' }), 'exits'],
  ['S10_unknown_recovery_mode', top({ force_recovery_mode: 'x' }), 'exits'],
  ['S11_unknown_broker', { broker: { enabled: true, type: 'nope' } }, 'exits'],
  ['S11_unknown_engine', { engine: { type: 'nope' } }, 'exits'],
  ['S12_ping_not_above_pong', { client: { ping_interval: '5s', pong_timeout: '5s' } }, 'exits'],
  ['S12_error_mode_unknown', { http_api: { key: 'k1', error_mode: 'status' } }, 'exits'],
  ['S13_config_not_json', '{ not json', 'exits'],
  ['S14_unknown_keys_warn', { zzz: 1, ...ns({ histroy_size: 2 }) }, 'runs'],
  ['S14_empty_api_key_starts', { http_api: { key: '' } }, 'runs'],
];

export async function recordStartup(): Promise<Recording> {
  const r = new Recording();
  for (const [name, change, expect] of CASES) {
    const config = typeof change === 'string' ? change : { ...BASE, ...change };
    const exit = await runOnce(config, expect);
    r.add({ name, server: 'startup', startup: { config, exit }, varies: [] });
  }
  return r;
}

const RUN_MS = 1500;
const EXIT_WAIT_MS = 10_000;

/** Starts the server with `config` on a free port and returns its exit code and its warn/error/fatal log lines (sorted). */
async function runOnce(
  config: CentrifugoConfig | string,
  expect: 'exits' | 'runs',
): Promise<{ code: number | null; log: unknown[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'centkit-startup-'));
  const port = await freePort();
  const text =
    typeof config === 'string'
      ? config
      : JSON.stringify({ ...config, http_server: { address: '127.0.0.1', port: String(port) } });
  writeFileSync(path.join(dir, 'config.json'), text);
  const child = spawn(centrifugoPath(), ['-c', 'config.json'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: cleanEnv(),
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGTERM'), expect === 'runs' ? RUN_MS : EXIT_WAIT_MS);
  const code = await exited;
  clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
  const log = output
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map(parseLogLine)
    .filter((entry) => typeof entry === 'string' || (entry['level'] !== 'info' && entry['level'] !== 'debug'))
    .map((entry) => (typeof entry === 'string' ? entry : withoutTime(entry)))
    // sorted: the server warns about unknown keys in Go map order
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return { code: expect === 'runs' ? null : code, log };
}

function parseLogLine(line: string): Record<string, unknown> | string {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
}

function withoutTime({ time: _time, ...entry }: Record<string, unknown>): Record<string, unknown> {
  return entry;
}
