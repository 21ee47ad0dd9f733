import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, MockConfigError, parseConfig } from '../src/index.js';

describe('parseConfig', () => {
  it('fills Centrifugo 1.8.0 defaults', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      secret: '',
      insecureApi: false,
      nodeMetricsInterval: 60,
      privateChannelPrefix: '$',
      namespaceChannelBoundary: ':',
      httpPrefix: '',
      redisPrefix: 'centrifugo',
    });
    expect(c.channelOptions).toMatchObject({ presence: false, history_size: 0, history_lifetime: 0 });
  });
  it.each([
    [{ namespaces: [{ name: 'a' }] }, 'namespaces[0].name', 'invalid_namespace_name'],
    [{ namespaces: [{ name: 'ok' }, { name: 'ok' }] }, 'namespaces[1].name', 'duplicate_namespace'],
    [{ namespaces: [{ name: 'with space' }] }, 'namespaces[0].name', 'invalid_namespace_name'],
    [{ namespaces: [{ name: 'ns', history_size: '10' }] }, 'namespaces[0].history_size', 'invalid_type'],
    [{ presence: 'yes' }, 'presence', 'invalid_type'],
    [{ node_metrics_interval: 0 }, 'node_metrics_interval', 'invalid_value'],
    [{ http_prefix: 'x/' }, 'http_prefix', 'invalid_value'],
  ])('rejects %j naming %s', (input, key, code) => {
    let err: unknown;
    try {
      parseConfig(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MockConfigError);
    expect(err).toMatchObject({ name: 'MockConfigError', key, code });
  });
  it('never echoes the secret in errors', () => {
    expect(() => parseConfig({ secret: 12345 })).toThrow(/secret: must be a string, got number/);
  });
});

describe('loadConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'centkit-mock-'));
  it('reads YAML', async () => {
    const p = join(dir, 'c.yaml');
    writeFileSync(p, 'secret: s\nnamespaces:\n  - name: public\n    presence: true\n');
    expect(parseConfig(await loadConfigFile(p)).namespaces.get('public')?.presence).toBe(true);
  });
  it('reports bad JSON by position, without quoting the file', async () => {
    const p = join(dir, 'c.json');
    writeFileSync(p, '{"secret": "topsecret",}');
    await expect(loadConfigFile(p)).rejects.toThrow(MockConfigError);
    await expect(loadConfigFile(p)).rejects.not.toThrow(/topsecret/);
  });
});
