import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames, validate, validateWire } from '@centkit/validators';
import { Client } from '@centkit/client';
import { fixtures, startMockCentrifugo, type MockCentrifugo } from '../src/index.js';

describe('generated fixtures', () => {
  it('has valid example params and results for every method', () => {
    expect(Object.keys(fixtures).sort()).toEqual([...methodNames].sort());
    for (const method of methodNames) {
      const { params, results } = fixtures[method];
      expect(params.length, `${method} params`).toBeGreaterThan(0);
      expect(results.length, `${method} results`).toBeGreaterThan(0);
      for (const p of params) expect(validate(method, 'params', p).ok, `${method} ${JSON.stringify(p)}`).toBe(true);
      for (const r of results) expect(validate(method, 'result', r).ok, `${method} ${JSON.stringify(r)}`).toBe(true);
    }
  });

  describe('sent to the mock by the generated client', () => {
    let mock: MockCentrifugo;
    let client: Client;
    beforeAll(async () => {
      mock = await startMockCentrifugo({
        secret: 'fixtures',
        strict: true,
        config: { namespaces: [{ name: 'public', presence: true, history_size: 10, history_lifetime: 60 }] },
      });
      client = new Client({ address: mock.url, secret: 'fixtures', validateReplies: true });
    });
    afterAll(async () => {
      await client.close();
      await mock.close();
    });

    it('every fixture params is accepted by the server (no hard error, no contract violation)', async () => {
      for (const method of methodNames) {
        for (const params of fixtures[method].params) {
          client.add(method, params as never);
        }
      }
      const entries = await client.send();
      expect(entries.length).toBe(methodNames.reduce((n, m) => n + fixtures[m].params.length, 0));
      expect(mock.violations).toEqual([]);
      // Each successful reply body is a valid result for its method (the client also checked the
      // typed view with validateReplies); soft errors (e.g. namespace not found for a made-up
      // channel) are fine: the server accepted the request.
      const ok = entries.filter((e) => e.ok);
      expect(ok.length).toBeGreaterThan(methodNames.length);
      for (const entry of ok)
        expect(validateWire(entry.method, 'result', entry.body).ok, JSON.stringify(entry)).toBe(true);
    });
  });
});
