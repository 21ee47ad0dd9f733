import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeWithCentrifugo,
  recordingConfig,
  startCentrifugo,
  type RealCentrifugo,
} from '../../test/support/centrifugo-v6.js';
import { runCentkit } from './support/run.js';
import { fixture } from './support/workspace.js';

/** A key long enough that finding it in the output cannot be chance. */
const API_KEY = 'contract-api-key-7f3a9c2e5b1d';
const SCHEMA = fixture('mini-v6');

describeWithCentrifugo(
  'centkit contract against the real Centrifugo v6.9.1 (mini-v6: the transport descriptor drives every call)',
  () => {
    let server: RealCentrifugo;
    beforeAll(async () => {
      server = await startCentrifugo({ ...recordingConfig, http_api: { key: API_KEY } });
    });
    afterAll(() => server.stop());

    const history = async (channel: string): Promise<{ data: unknown }[]> => {
      const response = await fetch(`${server.url}/api/history`, {
        method: 'POST',
        headers: { 'X-API-Key': API_KEY },
        body: JSON.stringify({ channel, limit: -1 }),
      });
      return ((await response.json()) as { result: { publications: { data: unknown }[] } }).result.publications;
    };

    it('passes every method: per-method path, API key header, params body, envelope replies, the bare keyed batch', async () => {
      const { code, stdout, stderr } = await runCentkit([
        'contract',
        '--schema',
        SCHEMA,
        '--address',
        server.url,
        '--api-key',
        API_KEY,
        '--channel',
        'both:contract-a',
      ]);
      expect(stderr).toBe('');
      expect(stdout).toMatch(
        /^centkit contract: mini-v6 6\.9\.1 against http:\/\/127\.0\.0\.1:\d+\/api\/\{method\} \(transport http-api\), channel both:contract-a/,
      );
      expect(stdout).toContain(
        'PASS publish\nPASS history\nPASS info\nPASS batch\n4 methods: 4 passed, 0 failed, 0 skipped\n',
      );
      expect(code).toBe(0);
      expect(stdout).not.toContain(API_KEY);
      // The calls were real: publish and the batch's publish landed in the contract channel, and only there.
      expect(await history('both:contract-a')).toEqual([
        { data: { text: 'centkit contract probe' }, offset: 1 },
        { data: 'centkit contract probe', offset: 2 },
      ]);
    });

    it("takes the key from CENTKIT_API_KEY, and an address that already ends with the path's fixed part", async () => {
      process.env['CENTKIT_API_KEY'] = API_KEY;
      try {
        const { code, stdout } = await runCentkit([
          'contract',
          '--schema',
          SCHEMA,
          '--address',
          `${server.url}/api`,
          '--channel',
          'both:contract-b',
        ]);
        expect(stdout).toContain('4 methods: 4 passed, 0 failed, 0 skipped');
        expect(code).toBe(0);
      } finally {
        delete process.env['CENTKIT_API_KEY'];
      }
    });

    it('names a wrong key as the catalogued hard error, and an unknown namespace by its numbered code, without printing the key', async () => {
      const wrong = await runCentkit([
        'contract',
        '--schema',
        SCHEMA,
        '--address',
        server.url,
        '--api-key',
        `${API_KEY}-wrong`,
      ]);
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toContain(
        'FAIL info with params {}\n  request: expected HTTP 2xx, got HTTP 401 "" (the hard error unauthorized)\n',
      );
      expect(wrong.stdout).not.toContain(API_KEY);

      const unknown = await runCentkit([
        'contract',
        '--schema',
        SCHEMA,
        '--address',
        server.url,
        '--api-key',
        API_KEY,
        '--channel',
        'nope:x',
      ]);
      expect(unknown.code).toBe(1);
      expect(unknown.stdout).toContain(
        '  /error (wire): expected no error (the probe sends valid params), got {"code":102,"message":"unknown channel"} (the soft error unknown_channel;',
      );
      expect(unknown.stdout).toContain(
        '  /replies/0/error (wire): expected no error (the probe sends valid commands), got {"code":102,"message":"unknown channel"}\n',
      );
      expect(unknown.stdout).toContain('PASS info\n');
    });

    it('asks for the key the transport needs (usage, exit 2)', async () => {
      const { code, stderr } = await runCentkit(['contract', '--schema', SCHEMA, '--address', server.url]);
      expect(code).toBe(2);
      expect(stderr).toContain(
        'centkit: transport http-api takes an API key: give --api-key K (or env CENTKIT_API_KEY)',
      );
    });
  },
);
