/**
 * Fidelity at the edges of Go's net/http, mime and encoding/json: the requests of
 * go-oracle/cases.js, answered by a Go program that serves Centrifugo 1.8.0's API handler
 * (go-oracle/main.go, recorded into fixtures/go-edges.jsonl by go-oracle/record.js), replayed to
 * the mock in the same order. Answers Go writes by hand (no Date header: malformed requests)
 * must match byte for byte; others by status line, headers (bar Date and Node's keep-alive
 * headers; framing aside) and body bytes; and where the fixture says so, whether the connection
 * was closed after the answer.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockCentrifugo, type MockCentrifugo } from '../src/index.js';
import { cases } from './go-oracle/cases.js';
import { exchange, parseResponse } from './go-oracle/raw-exchange.js';

interface Recorded {
  readonly name: string;
  readonly response: { readonly raw: string; readonly closed?: boolean };
}

const [, ...recorded] = readFileSync(new URL('fixtures/go-edges.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as Recorded);

const ORACLE_CONFIG = {
  secret: 's3cr3t',
  namespaces: [
    { name: 'public', publish: true, presence: true, join_leave: true, history_size: 10, history_lifetime: 60 },
    { name: 'nopub', history_size: 0, history_lifetime: 0 },
  ],
};

/** Headers as compared: lower-case name and value, without Date, Node's keep-alive announcements and framing. */
function comparable(headers: readonly (readonly [string, string])[]): string[] {
  return headers
    .filter(
      ([k, v]) =>
        !['date', 'keep-alive', 'content-length', 'transfer-encoding'].includes(k) &&
        !(k === 'connection' && v.toLowerCase() === 'keep-alive'),
    )
    .map(([k, v]) => `${k}: ${v}`)
    .sort();
}

let mock: MockCentrifugo;
beforeAll(async () => {
  mock = await startMockCentrifugo({ config: ORACLE_CONFIG });
});
afterAll(() => mock.close());

describe('Go net/http, mime and encoding/json edges (recorded from a Go oracle)', () => {
  it('the fixture holds one answer per case, in order', () => {
    expect(recorded.map((r) => r.name)).toEqual(cases.map((c) => c.name));
  });
  for (const [i, c] of cases.entries()) {
    it(`${c.issue}: ${c.name}`, async () => {
      const want = recorded[i];
      if (want === undefined) throw new Error(`no recorded answer for ${c.name}; run go-oracle/record.js`);
      const expected = parseResponse(Buffer.from(want.response.raw, 'latin1'), c.head ?? false, true);
      if (expected === undefined) throw new Error(`recorded answer for ${c.name} does not parse`);
      const got = await exchange(mock.port, c.request(), {
        head: c.head ?? false,
        closeWaitMs: want.response.closed === true ? 5000 : 0,
      });
      if (!expected.headers.some(([k]: readonly [string, string]) => k === 'date')) {
        expect(got.raw.toString('latin1'), 'answer written by the server itself, byte for byte').toBe(
          want.response.raw,
        );
      } else {
        expect(got.statusLine, 'status line').toBe(expected.statusLine);
        expect(comparable(got.headers), 'headers').toEqual(comparable(expected.headers));
        expect(got.body.toString('latin1'), 'body bytes').toBe(expected.body.toString('latin1'));
      }
      if (want.response.closed !== undefined)
        expect(got.closed, 'connection closed after the answer').toBe(want.response.closed);
    });
  }
});
