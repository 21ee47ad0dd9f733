/**
 * The fast lane (src/http/fast-lane.ts) against the plain path: two mocks with the same config,
 * one with the lane and one without, get the same seeded sequence of requests, each on one
 * kept-alive connection (a new one after an answer that closes it): requests the lane takes
 * (signed and unsigned JSON and form publishes, batches, bad signs, bad JSON, odd bytes, query
 * strings) mixed with requests it leaves to Node (HTTP/1.0, `Connection: close`, `Expect`,
 * chunked and multipart bodies, other content types, redirects, 404). Every answer's bytes must
 * be the same but the Date, and so must the recorded commands; the lane must have answered most.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LaneResponse } from '../src/http/fast-lane.js';
import { apiSign, startMockCentrifugo, type MockCentrifugo } from '../src/index.js';
import { prng } from './support/prng.js';
import { RawConnection } from './support/raw-connection.js';

const SECRET = 'lane-secret';
const SEED = 20261207;
const REQUESTS = 1500;

/** One request's bytes, and whether its answer ends the connection (HTTP/1.0, `Connection: close`). */
interface Case {
  readonly bytes: Buffer;
  readonly closes: boolean;
}

/** The seeded requests. */
function cases(seed: number, count: number): Case[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const channel = () => pick(['news', 'public:chat', 'a$b', 'x'.repeat(40), 'ünï', '']);
  const data = () =>
    pick<unknown>([
      { text: 'hello' },
      42,
      'a <b> & "c"',
      [1, 2.5e300, -0],
      null,
      { nested: { deep: ['\u2028', '😀'] } },
    ]);
  const command = (): unknown =>
    pick([
      () => ({ method: 'publish', params: { channel: channel(), data: data() } }),
      () => ({ method: 'broadcast', params: { channels: [channel(), channel()], data: data() } }),
      () => ({ method: 'publish', uid: `u${Math.floor(rand() * 1000)}`, params: { channel: channel(), data: data() } }),
      () => ({ method: 'presence', params: { channel: channel() } }),
      () => ({ method: 'unsubscribe', params: { channel: channel(), user: 'u1' } }),
      () => ({ method: 'disconnect', params: { user: 'u1' } }),
      () => ({ method: 'channels', params: {} }),
      () => ({ method: 'publish', params: { channel: 7, data: {} } }),
      () => ({ method: 'nope', params: {} }),
      () => ({ method: 'publish' }),
    ])();
  const text = (): string => {
    const r = rand();
    if (r < 0.1) return '{"method":"publish",'; // broken JSON
    if (r < 0.15) return ' ';
    if (r < 0.55) return JSON.stringify(command());
    return JSON.stringify(Array.from({ length: 1 + Math.floor(rand() * 4) }, command));
  };
  const out: Case[] = [];
  for (let i = 0; i < count; i += 1) {
    const json = text();
    let body = Buffer.from(json, 'utf8');
    // Now and then bytes that are not UTF-8 inside the data (kept as Go keeps them).
    if (rand() < 0.05 && json.includes('hello')) body = Buffer.from(json.replace('hello', 'he\xffllo'), 'latin1');
    const goodSign = apiSign(SECRET, body);
    const sign = rand() < 0.75 ? goodSign : pick([goodSign.toUpperCase(), goodSign.slice(1), 'x'.repeat(64), '']);
    const path =
      rand() < 0.8
        ? '/api/'
        : pick(['/api/extra', '/api/?sign=nothing', '/api/?data=x', '/api', '//api/', '/elsewhere']);
    const variant = rand();
    let head: string[];
    let payload: Buffer;
    let version = 'HTTP/1.1';
    if (variant < 0.45) {
      head = [`Content-Type: ${pick(['application/json', 'Application/JSON', 'application/json; charset=utf-8'])}`];
      if (sign !== '') head.push(`X-API-Sign: ${sign}`);
      payload = body;
    } else if (variant < 0.85) {
      const form = `data=${encodeURIComponent(body.toString('latin1')).replace(/%20/g, '+')}&sign=${sign}`;
      head = [
        `Content-Type: ${pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8'])}`,
      ];
      payload = Buffer.from(rand() < 0.1 ? `${form}&x=%zz;y` : form, 'latin1');
    } else {
      // Requests the lane leaves to Node.
      head = [`Content-Type: ${pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded'])}`];
      if (sign !== '') head.push(`X-API-Sign: ${sign}`);
      payload = body;
      const odd = pick(['http10', 'close', 'expect', 'chunked', 'get']);
      if (odd === 'http10') version = 'HTTP/1.0';
      else if (odd === 'close') head.push('Connection: close');
      else if (odd === 'expect') head.push('Expect: 100-continue');
      else if (odd === 'chunked') {
        head.push('Transfer-Encoding: chunked');
        payload = Buffer.concat([
          Buffer.from(`${payload.length.toString(16)}\r\n`),
          payload,
          Buffer.from('\r\n0\r\n\r\n'),
        ]);
      } else {
        out.push({ bytes: Buffer.from(`GET ${path} HTTP/1.1\r\nHost: lane\r\n\r\n`, 'latin1'), closes: false });
        continue;
      }
    }
    const chunked = head.includes('Transfer-Encoding: chunked');
    const lines = [`POST ${path} ${version}`, 'Host: lane', ...head];
    if (!chunked) lines.push(`Content-Length: ${payload.length}`);
    out.push({
      bytes: Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]),
      closes: version === 'HTTP/1.0' || head.includes('Connection: close'),
    });
  }
  return out;
}

/** Every answer, in order, with the Date masked. */
async function answers(mock: MockCentrifugo, all: readonly Case[]): Promise<string[]> {
  const out: string[] = [];
  let conn = await RawConnection.open(mock.port);
  for (const c of all) {
    if (conn.isClosed) conn = await RawConnection.open(mock.port);
    const answer = await conn.exchange(c.bytes);
    out.push(`${answer.raw.replace(/\r\nDate: [^\r]*/, '\r\nDate: <masked>')}${answer.closed ? '<closed>' : ''}`);
    if (c.closes) {
      conn.close();
      conn = await RawConnection.open(mock.port);
    }
  }
  conn.close();
  return out;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the fast lane', () => {
  it('answers byte for byte as the plain path, and records the same commands', async () => {
    const all = cases(SEED, REQUESTS);
    const laneAnswers = vi.spyOn(LaneResponse.prototype, 'end');
    const lane = await startMockCentrifugo({ secret: SECRET });
    const plain = await startMockCentrifugo({ secret: SECRET, fastLane: false });
    try {
      const viaPlain = await answers(plain, all);
      expect(laneAnswers).not.toHaveBeenCalled();
      const viaLane = await answers(lane, all);
      const taken = laneAnswers.mock.calls.length;
      let differing = 0;
      for (let i = 0; i < all.length; i += 1) {
        if (viaLane[i] !== viaPlain[i]) differing += 1;
        expect(viaLane[i], `request ${i}:\n${all[i]?.bytes.toString('latin1')}`).toBe(viaPlain[i]);
      }
      const statuses = new Map<string, number>();
      for (const a of viaLane) statuses.set(a.slice(9, 12), (statuses.get(a.slice(9, 12)) ?? 0) + 1);
      console.log(
        `fast lane: ${all.length} requests, ${taken} answered by the lane, ${differing} differing; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
      // Most requests are lane requests, and several kinds of answer are among them.
      expect(taken).toBeGreaterThan(all.length * 0.6);
      expect(statuses.size).toBeGreaterThanOrEqual(4);
      const recorded = (m: MockCentrifugo) => m.commands().map((c) => [c.method, c.params]);
      expect(recorded(lane).length).toBeGreaterThan(100);
      expect(recorded(lane)).toEqual(recorded(plain));
    } finally {
      await lane.close();
      await plain.close();
    }
  });
});
