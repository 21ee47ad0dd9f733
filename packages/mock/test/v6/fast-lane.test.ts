/**
 * The v6 fast lane (src/v6/http/lane.ts) against the plain path: two v6 mocks with the recording
 * config, one with the lane and one without, get the differential test's seeded requests (valid
 * calls of every method, then the same calls broken: types, nulls, keys, bad JSON, bad API keys,
 * odd paths and methods) over one kept-alive connection each. Status, content type and body
 * must match after masking what each server makes itself (epochs, ids, node name); every head
 * must match byte for byte but the Date and the length (the node name holds the port); the
 * recorded commands must match; and the lane must have answered most requests. The real v6.9.1
 * judges the lane too: the differential test runs against a mock with it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { recordingConfig } from '../../../../test/support/centrifugo-v6.js';
import { LaneResponse } from '../../src/http/fast-lane.js';
import { startMockCentrifugoV6, type MockCentrifugoV6 } from '../../src/v6/index.js';
import { RawConnection } from '../support/raw-connection.js';
import { diffCases, type DiffCase } from './support/diff-cases.js';
import { runDifferential, type Send } from './support/differential.js';

const SEED = 7207;
const COUNT = 2500;

function requestBytes(c: DiffCase, body: string): Buffer {
  const lines = [`${c.method} ${c.path} HTTP/1.1`, 'Host: lane'];
  for (const [k, v] of c.headers) lines.push(`${k}: ${v}`);
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length > 0) lines.push(`Content-Length: ${bytes.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes]);
}

/** A Send over one kept-alive connection (a new one after a close), keeping every answer's head. */
function rawSend(mock: MockCentrifugoV6, heads: string[]): Send {
  let conn: RawConnection | undefined;
  return async (c, body) => {
    if (conn === undefined || conn.isClosed) conn = await RawConnection.open(mock.port);
    const answer = await conn.exchange(requestBytes(c, body));
    heads.push(
      answer.head
        .replace(/\r\nDate: [^\r]*/, '\r\nDate: <masked>')
        .replace(/\r\nContent-Length: \d+/, '\r\nContent-Length: <n>'),
    );
    const header = (name: string) => new RegExp(`\\r\\n${name}: ([^\\r]*)`, 'i').exec(answer.head)?.[1];
    return {
      status: Number(answer.head.slice(9, 12)),
      contentType: header('content-type'),
      location: header('location'),
      body: answer.body.toString('utf8'),
    };
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the v6 fast lane', () => {
  it('answers as the plain path, head and body, and records the same commands', async () => {
    // Then long answers (a history of big publications), which Go sends chunked past 2048 bytes.
    const big = JSON.stringify({ text: 'x'.repeat(1500) });
    const call = (method: string, params: unknown): DiffCase => ({
      group: 'long',
      method: 'POST',
      path: `/api/${method}`,
      headers: [['X-API-Key', 'k1']],
      body: JSON.stringify(params),
    });
    const cases = [
      ...diffCases(SEED, COUNT),
      call('publish', { channel: 'hist:long', data: JSON.parse(big) as unknown }),
      call('publish', { channel: 'hist:long', data: JSON.parse(big) as unknown }),
      call('history', { channel: 'hist:long', limit: 2 }),
    ];
    const laneAnswers = vi.spyOn(LaneResponse.prototype, 'end');
    const plain = await startMockCentrifugoV6({ config: recordingConfig, fastLane: false });
    const lane = await startMockCentrifugoV6({ config: recordingConfig });
    try {
      const plainHeads: string[] = [];
      const laneHeads: string[] = [];
      const plainSend = rawSend(plain, plainHeads);
      const laneSend = rawSend(lane, laneHeads);
      let plainCalls = 0;
      const report = await runDifferential(
        cases,
        async (c, body) => {
          const before = laneAnswers.mock.calls.length;
          const r = await plainSend(c, body);
          plainCalls += laneAnswers.mock.calls.length - before;
          return r;
        },
        laneSend,
      );
      expect(plainCalls, 'the plain mock answered through the lane').toBe(0);
      const taken = laneAnswers.mock.calls.length;
      const identical = [...report.byGroup.values()].reduce((n, g) => n + g.identical, 0);
      console.log(
        `v6 fast lane: ${cases.length} requests, ${taken} answered by the lane, ${identical} identical after masking`,
      );
      expect(report.differences).toEqual([]);
      expect(laneHeads).toHaveLength(plainHeads.length);
      for (let i = 0; i < laneHeads.length; i += 1) expect(laneHeads[i], `answer ${i}'s head`).toBe(plainHeads[i]);
      expect(taken).toBeGreaterThan(cases.length * 0.6);
      // Long answers (info) go chunked, as Go sends a body over 2048 bytes: the lane frames them too.
      expect(laneHeads.filter((h) => h.includes('\r\nTransfer-Encoding: chunked')).length).toBeGreaterThan(0);
      // The epochs a request names are each side's own (the cases' "@epoch").
      const recorded = (m: MockCentrifugoV6) =>
        m
          .commands()
          .map((c) => JSON.stringify([c.method, c.params]).replace(/"(\w*epoch)":"[A-Za-z]{8}"/gi, '"$1":"<e>"'));
      expect(recorded(lane).length).toBeGreaterThan(500);
      expect(recorded(lane)).toEqual(recorded(plain));
    } finally {
      await lane.close();
      await plain.close();
    }
  });
});
