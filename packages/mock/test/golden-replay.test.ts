/**
 * Fidelity: replays the recorded exchanges with the real Centrifugo 1.8.0 (memory engine runs)
 * against fresh mocks with the same config, in recording order, and compares status, content
 * type and body, masking only what each record lists in `varies`. Redis engine runs are
 * skipped: the mock emulates the memory engine (its Redis API is tested in redis-api.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSign, createManualClock, startMockCentrifugo, type MockCentrifugo, type MockLogger } from '../src/index.js';
import { control, rawRequest, type RawResponse } from './support/http.js';
import {
  configFor,
  header,
  loadOracleConfig,
  loadTranscripts,
  rebuildPlaceholder,
  type Exchange,
} from './support/golden.js';
import { parseLossless, render } from './support/lossless-json.js';
import { applyVaries, sortChannelLists } from './support/varies.js';

const all = loadTranscripts();
const oracle = loadOracleConfig();
const engines = [...new Set(all.map((e) => e.engine))];
const tally = { passed: 0, failed: [] as string[], skipped: [] as string[] };
/** Where the generated wire schema and the real server disagree (strict mode logs them). */
const schemaWarnings = new Set<string>();
const logger: MockLogger = { debug() {}, info() {}, error() {}, warn: (m) => schemaWarnings.add(m) };

for (const engine of engines) {
  const exchanges = all.filter((e) => e.engine === engine);
  const config = configFor(engine, oracle);
  if (config === undefined) {
    describe(`engine ${engine} (skipped: the mock emulates the memory engine, not Redis)`, () => {
      for (const e of exchanges) {
        tally.skipped.push(`${e.name} [${engine}]`);
        it.skip(e.name, () => {});
      }
    });
    continue;
  }
  describe(`engine ${engine}`, () => {
    const clock = createManualClock(Date.UTC(2026, 10, 22, 10, 56, 24));
    const runStart = clock.now();
    let mock: MockCentrifugo;
    let seeded: string | undefined;
    beforeAll(async () => {
      mock = await startMockCentrifugo({ config, clock, strict: true, logger });
    });
    afterAll(() => mock.close());

    for (const e of exchanges) {
      it(e.name, async () => {
        let ok = false;
        try {
          await syncPresence(e);
          const at = /_at_(\d+)_(\d+)s/.exec(e.name);
          if (at) clock.set(runStart + Number(at[1]) * 1000 + Number(at[2]) * 100);
          const before = mock.violations.length;
          const res = await send(mock.port, e, config.secret ?? '');
          compare(e, res);
          // Strict mode: exactly the exchanges the real server refused are contract violations.
          const refused = e.request.path.startsWith('/api/') && (res.status === 400 || res.status === 401);
          expect(mock.violations.length - before, 'contract violations recorded').toBe(refused ? 1 : 0);
          ok = true;
        } finally {
          if (ok) tally.passed += 1;
          else tally.failed.push(`${e.name} [${engine}]`);
        }
      });
    }

    /** Seeds the recording's websocket clients as fake clients; removes them once it stops needing them. */
    async function syncPresence(e: Exchange): Promise<void> {
      const wanted = e.needs_presence ? JSON.stringify(e.needs_presence) : undefined;
      if (wanted === seeded) return;
      if (seeded !== undefined) expect((await control(mock.port, 'DELETE', '/_mock/clients')).status).toBe(200);
      if (e.needs_presence) {
        const specs = e.needs_presence.map((c) => ({
          user: c.user,
          channels: c.channels,
          ...(c.default_info === null ? {} : { default_info: c.default_info }),
        }));
        expect((await control(mock.port, 'POST', '/_mock/clients', specs)).status).toBe(201);
      }
      seeded = wanted;
    }
  });
}

describe('golden replay summary', () => {
  it('replays every memory-engine exchange faithfully', () => {
    console.log(
      `golden replay: ${tally.passed} passed, ${tally.failed.length} failed, ${tally.skipped.length} skipped (Redis engine runs: the mock emulates the memory engine)` +
        (tally.failed.length ? `\n  failed: ${tally.failed.join(', ')}` : ''),
    );
    if (schemaWarnings.size)
      console.log(
        `wire schema vs real server disagreements (strict-mode warnings):\n  ${[...schemaWarnings].join('\n  ')}`,
      );
    expect(tally.failed).toEqual([]);
    expect(tally.passed).toBe(171);
    expect(tally.skipped.length).toBe(43);
  });
});

async function send(port: number, e: Exchange, secret: string): Promise<RawResponse> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.request.headers)) if (k !== 'Host' && k !== 'Content-Length') headers[k] = v;
  let body = e.request.body;
  if (e.placeholder) {
    const data = rebuildPlaceholder(e.placeholder.data);
    const sign = apiSign(secret, data);
    if ((header(headers, 'content-type') ?? '').startsWith('application/json')) {
      expect(sign).toBe(header(headers, 'x-api-sign'));
      body = data;
    } else {
      expect(sign).toBe(e.request.form?.['sign']);
      body = new URLSearchParams({ data, sign }).toString();
    }
  }
  return rawRequest({ port, method: e.request.method, path: e.request.path, headers, body });
}

function compare(e: Exchange, res: RawResponse): void {
  const want = e.response;
  expect(res.status, 'status').toBe(want.status);
  for (const h of ['Content-Type', 'X-Content-Type-Options', 'Location']) {
    expect(header(res.headers, h), h).toBe(header(want.headers, h));
  }
  if ((header(want.headers, 'content-type') ?? '') !== 'application/json') {
    expect(res.body, 'body').toBe(want.body);
    return;
  }
  const expected = parseLossless(want.body);
  const actual = parseLossless(res.body);
  const problems = applyVaries(expected, actual, e.varies);
  sortChannelLists(expected);
  sortChannelLists(actual);
  expect(problems, 'varying fields have the right shape').toEqual([]);
  expect(render(actual), 'body').toBe(render(expected));
}
