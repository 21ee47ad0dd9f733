/**
 * Differential test of the client protocol beyond the goldens: each raw case (support/raw-cases.ts)
 * runs on a fresh websocket against the real v6.9.1 and against the mock at the same time (one
 * server each, recordingConfig, the cases in order on both), and what each connection received
 * (masked: epochs, client ids, ttl; Go maps compared sorted) and how it closed must be the same.
 */
import { CompactSign } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  API_KEY,
  describeWithCentrifugo,
  recordingConfig,
  startCentrifugo,
  type RealCentrifugo,
} from '../../../../../test/support/centrifugo-v6.js';
import { Masker } from '../../../../../test/support/golden-v6/mask.js';
import { RecordingSocket } from '../../../../../test/support/golden-v6/ws-client.js';
import { RAW_CASES, type RawCase } from './support/raw-cases.js';
import { startWsTestServer, type WsTestServer } from './support/ws-server.js';

const QUIET_MS = 80;
const STEP_MAX_MS = 1500;

/** `TOKEN(<claims>,<secret>)` → an HS256 JWT over exactly those claim bytes (`+N`/`-N` times are seconds from now). */
async function materialize(text: string): Promise<string> {
  let out = text;
  for (let at = out.indexOf('TOKEN('); at >= 0; at = out.indexOf('TOKEN(')) {
    let depth = 0;
    let end = at + 6;
    do {
      if (out[end] === '{') depth += 1;
      else if (out[end] === '}') depth -= 1;
      end += 1;
    } while (depth > 0 && end < out.length);
    const close = out.indexOf(')', end);
    const secret = out.slice(end + 1, close);
    const now = Math.floor(Date.now() / 1000);
    const claims = out
      .slice(at + 6, end)
      .replace(/:([+-])(\d+)/g, (_, sign: string, n: string) => `:${sign === '+' ? now + Number(n) : now - Number(n)}`);
    const jwt = await new CompactSign(new TextEncoder().encode(claims))
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode(secret));
    out = out.slice(0, at) + jwt + out.slice(close + 1);
  }
  return out;
}

async function quiet(socket: RecordingSocket): Promise<void> {
  const deadline = Date.now() + STEP_MAX_MS;
  let seen = -1;
  while (seen !== socket.receivedCount && !socket.isClosed && Date.now() < deadline) {
    seen = socket.receivedCount;
    await socket.settle(QUIET_MS);
  }
}

/** Go map fields come in random order from the real server (the mock sorts them): compare them sorted. */
const MAPS = new Set(['subs', 'presence', 'tags']);

function sortMaps(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => sortMaps(v));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, sortMaps(v, k)] as const);
  if (MAPS.has(key)) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

/** A received message with its maps sorted (re-encoded only when it has one, so escaping is still compared elsewhere). */
function canonical(text: string): string {
  return /"(?:subs|presence|tags)":\{/.test(text) ? JSON.stringify(sortMaps(JSON.parse(text))) : text;
}

interface Outcome {
  readonly received: readonly string[];
  readonly close: unknown;
}

async function run(url: string, wsUrl: string, c: RawCase, masker: Masker): Promise<Outcome> {
  const socket = await RecordingSocket.open(c.name, wsUrl);
  for (const step of c.steps) {
    if ('send' in step) socket.send(await materialize(step.send));
    else {
      const body = JSON.stringify(step.api[1]).replace(/"\+(\d+)"/g, (_, n: string) =>
        String(Math.floor(Date.now() / 1000) + Number(n)),
      );
      const res = await fetch(`${url}/api/${step.api[0]}`, { method: 'POST', headers: { 'X-API-Key': API_KEY }, body });
      await res.text();
    }
    await quiet(socket);
  }
  const record = socket.take();
  await socket.close();
  const received = record.frames
    .filter((f) => f.dir === 'recv')
    .map((f) => {
      masker.learn(f.text);
      return canonical(masker.mask(f.text, new Set()));
    });
  return { received, close: record.close };
}

describeWithCentrifugo('client protocol cases: the mock against the real v6.9.1', () => {
  let real: RealCentrifugo;
  let mock: WsTestServer;
  const maskers = { real: new Masker(), mock: new Masker() };
  beforeAll(async () => {
    [real, mock] = await Promise.all([startCentrifugo(recordingConfig), startWsTestServer(recordingConfig)]);
  });
  afterAll(async () => {
    await Promise.all([real?.stop(), mock?.stop()]);
  });

  it.each(RAW_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const [want, got] = await Promise.all([
      run(real.url, real.wsUrl, c, maskers.real),
      run(mock.url, mock.wsUrl, c, maskers.mock),
    ]);
    expect(want.received.length + (want.close === undefined ? 0 : 1)).toBeGreaterThan(0);
    expect(got).toEqual(want);
  });
});
