/**
 * Peer clients work unchanged: the real Python `cent` 5.x (from PyPI, in a venv the tests make in
 * the cache folder: bench/lib/python-cent.js) and cent.js 6.x (npm) run every method they have
 * against a fresh real Centrifugo v6.9.1 and a fresh mock with the same config; what each client
 * returns (results, errors, its own failures) is the same on both, once server-made values (epochs,
 * the node's uid, name, uptime and metrics) are masked.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CentClient } from 'cent.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PYTHON_CENT5_VERSION, pythonVenv } from '../../../../bench/lib/python-cent.js';
import { harnessConfig } from '../../../../scripts/centrifugo-process.js';
import {
  describeWithCentrifugo,
  recordingConfig,
  startCentrifugo,
  type RealCentrifugo,
} from '../../../../test/support/centrifugo-v6.js';
import { startMockCentrifugoV6, type MockCentrifugoV6 } from '../../src/v6/index.js';

const scenario = fileURLToPath(new URL('./peers/cent5_scenario.py', import.meta.url));

/** Server-made values masked: epochs numbered by first appearance, the node's identity and figures. */
function masked(lines: readonly string[]): string[] {
  const epochs = new Map<string, string>();
  return lines.map((line) =>
    line
      .replace(
        /"epoch": ?"([A-Za-z]{8})"/g,
        (_, e: string) => `"epoch":"<epoch:${epochs.get(e) ?? (epochs.set(e, String(epochs.size + 1)), epochs.size)}>"`,
      )
      .replace(/"uid": ?"[0-9a-f-]{36}"/g, '"uid":"<uid>"')
      .replace(/"name": ?"[^"]*_\d+"/g, '"name":"<node-name>"')
      .replace(/"uptime": ?\d+,? ?/g, '')
      .replace(/"metrics": ?\{"interval": ?[\d.]+, ?"items": ?\{[^}]*\}\}/g, '"metrics":"<metrics>"'),
  );
}

describeWithCentrifugo('peer clients against the mock and the real server', () => {
  let real: RealCentrifugo;
  let mock: MockCentrifugoV6;
  beforeAll(async () => {
    real = await startCentrifugo(recordingConfig);
    mock = await startMockCentrifugoV6({ config: harnessConfig(recordingConfig, real.port) });
  });
  afterAll(async () => {
    await Promise.all([real?.stop(), mock?.close()]);
  });

  it(
    `Python cent ${PYTHON_CENT5_VERSION}: every method it has, the same against both`,
    { timeout: 180_000 },
    async () => {
      const python = pythonVenv(PYTHON_CENT5_VERSION);
      if ('why' in python)
        throw new Error(`Python cent ${PYTHON_CENT5_VERSION} cannot be installed here: ${python.why as string}`);
      // Not execFileSync: the mock answers from this very process.
      const run = async (url: string) =>
        (
          await promisify(execFile)(python.python as string, [scenario, `${url}/api`, 'k1'], {
            encoding: 'utf8',
            timeout: 60_000,
          })
        ).stdout
          .trim()
          .split('\n');
      const fromReal = masked(await run(real.url));
      const fromMock = masked(await run(mock.url));
      expect(fromReal.length).toBeGreaterThanOrEqual(30);
      expect(fromMock).toEqual(fromReal);
    },
  );

  it('cent.js 6: every method it has, and its pipeline (the legacy /api), the same against both', async () => {
    const run = async (url: string) => {
      const c = new CentClient({ url: `${url}/api`, apiKey: 'k1' });
      const out: string[] = [];
      const call = async (name: string, f: () => Promise<unknown>) => {
        try {
          out.push(JSON.stringify({ call: name, result: await f() }));
        } catch (err) {
          out.push(JSON.stringify({ call: name, error: (err as Error).message }));
        }
      };
      await call('publish', () => c.publish({ channel: 'hist:js', data: { n: 1, html: '<b>&' } }));
      await call('publish no history', () => c.publish({ channel: 'news', data: 1 as never }));
      await call('publish unknown', () => c.publish({ channel: 'nope:x', data: 1 as never }));
      await call('broadcast', () => c.broadcast({ channels: ['news', 'hist:js', 'nope:x'], data: 2 as never }));
      await call('history', () => c.getHistory({ channel: 'hist:js', limit: -1 }));
      await call('history reverse', () => c.getHistory({ channel: 'hist:js', limit: 1, reverse: true }));
      await call('history off', () => c.getHistory({ channel: 'news' }));
      await call('history_remove', () => c.removeHistory({ channel: 'hist:js' }));
      await call('presence', () => c.getPresence({ channel: 'pres:r' }));
      await call('presence_stats', () => c.getPresenceStats({ channel: 'pres:r' }));
      await call('channels', () => c.getChannels({ pattern: '*' }));
      await call('info', () => c.getInfo());
      await call('subscribe', () => c.subscribe({ user: 'u1', channel: 'news' }));
      await call('unsubscribe', () => c.unsubscribe({ user: 'u1', channel: 'news' }));
      await call('disconnect', () => c.disconnect({ user: 'u1' }));
      await call('refresh', () => c.refresh({ user: 'u1', expired: true } as never));
      await call('pipeline', () =>
        c.pipeline([
          { method: 'publish', params: { channel: 'hist:js', data: 3 } },
          { method: 'history', params: { channel: 'hist:js', limit: -1 } },
          { method: 'presence', params: { channel: 'news' } },
          { method: 'info', params: {} },
        ] as never),
      );
      await call('wrong key', () => new CentClient({ url: `${url}/api`, apiKey: 'nope' }).getInfo());
      return out;
    };
    const fromReal = masked(await run(real.url));
    const fromMock = masked(await run(mock.url));
    expect(fromReal).toHaveLength(18);
    expect(fromMock).toEqual(fromReal);
  });
});
