/**
 * The v6 config: every start-up the real v6.9.1 refused (test/fixtures/centrifugo-v6/startup.jsonl)
 * is refused by `parseConfigV6` with the same fatal log line, the warnings are the same, and the
 * three file formats read the same config.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordingConfig, variantConfigs } from '../../../../test/support/centrifugo-v6.js';
import { readGolden } from '../../../../test/support/golden-v6/transcript.js';
import { CentrifugoConfigError } from '../../src/v6/config/config-error.js';
import { loadConfigFileV6, parseConfigTextV6 } from '../../src/v6/config/load-config.js';
import { parseConfigV6 } from '../../src/v6/config/parse-config.js';

const sortLog = (log: readonly unknown[]) => log.map((l) => JSON.stringify(l)).sort();

describe('v6 config start-up, as the real server (startup.jsonl)', () => {
  const lines = readGolden('startup');
  it('has the recorded cases', () => expect(lines.length).toBeGreaterThanOrEqual(20));
  it.each(lines.map((l) => [l.name, l] as const))('%s', (_name, line) => {
    const startup = line.startup;
    if (startup === undefined) throw new Error('not a startup line');
    const run = () =>
      typeof startup.config === 'string'
        ? parseConfigV6(parseConfigTextV6(startup.config, 'json', 'config.json'))
        : parseConfigV6(startup.config as never);
    if (startup.exit.code === null) {
      expect(sortLog(run().warnings)).toEqual(sortLog(startup.exit.log));
      return;
    }
    let error: unknown;
    try {
      run();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CentrifugoConfigError);
    expect(sortLog([(error as CentrifugoConfigError).log])).toEqual(sortLog(startup.exit.log));
  });
});

describe('v6 config values', () => {
  it('reads the recording config and its variants', () => {
    const { config, warnings } = parseConfigV6(recordingConfig);
    expect(warnings).toEqual([]);
    expect(config.httpApi).toEqual({ key: 'k1', insecure: false, errorMode: '', handlerPrefix: '/api' });
    expect([...config.channel.namespaces.keys()]).toEqual([
      'hist',
      'pres',
      'both',
      'jsonobj',
      'bin',
      'delta',
      'map',
      'mapp',
    ]);
    expect(config.channel.namespaces.get('hist')).toMatchObject({
      historySize: 3,
      historyTtl: 300_000_000_000n,
      forceRecovery: true,
    });
    expect(config.channel.namespaces.get('map')?.map).toMatchObject({
      mode: 'recoverable',
      keyTtl: 60_000_000_000n,
      streamSize: 100,
    });
    expect(parseConfigV6(variantConfigs.emptyPrefix).config.httpApi.handlerPrefix).toBe('/api');
    expect(parseConfigV6(variantConfigs.insecureApi).warnings).toEqual([
      { level: 'warn', message: 'INSECURE HTTP API mode enabled, make sure you understand risks' },
    ]);
  });

  it('matches keys in any case and takes weakly typed values, as viper does', () => {
    const { config } = parseConfigV6({
      HTTP_API: { Key: 'k', insecure: 'true' },
      channel: { namespaces: [{ name: 'ab', history_size: '2', history_ttl: '1m' }] },
    });
    expect(config.httpApi).toMatchObject({ key: 'k', insecure: true });
    expect(config.channel.namespaces.get('ab')).toMatchObject({ historySize: 2, historyTtl: 60_000_000_000n });
  });

  it('refuses values that cannot take their key’s type, naming the key and never the value', () => {
    expect(() => parseConfigV6({ http_api: { key: { secret: 'hunter2' } } })).toThrow(/http_api\.key/);
    expect(() => parseConfigV6({ channel: { without_namespace: { history_ttl: 'hunter2x' } } })).toThrow(
      /channel\.without_namespace\.history_ttl/,
    );
    expect(() => parseConfigV6({ channel: { without_namespace: { history_size: [] } } })).toThrow(
      CentrifugoConfigError,
    );
  });

  it('reads JSON, YAML and TOML files alike, by extension', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centkit-v6-config-'));
    const files = {
      'c.json': JSON.stringify({
        http_api: { key: 'k1' },
        channel: { namespaces: [{ name: 'hist', history_size: 3, history_ttl: '300s' }] },
      }),
      'c.yaml':
        'http_api:\n  key: k1\nchannel:\n  namespaces:\n    - name: hist\n      history_size: 3\n      history_ttl: 300s\n',
      'c.toml':
        '[http_api]\nkey = "k1"\n\n[[channel.namespaces]]\nname = "hist"\nhistory_size = 3\nhistory_ttl = "300s"\n',
    };
    const parsed = [];
    for (const [name, text] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), text);
      parsed.push(parseConfigV6(await loadConfigFileV6(path.join(dir, name))).config);
    }
    expect(parsed[1]).toEqual(parsed[0]);
    expect(parsed[2]).toEqual(parsed[0]);
    writeFileSync(path.join(dir, 'bad.toml'), 'http_api = [');
    await expect(loadConfigFileV6(path.join(dir, 'bad.toml'))).rejects.toThrow(/While parsing config/);
    await expect(loadConfigFileV6(path.join(dir, 'c.ini'))).rejects.toThrow(/Unsupported Config Type/);
  });
});
