import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  errorCatalogue,
  isMethodName,
  methodNames,
  validate,
  validatePublishParams,
  validatePublishParamsWire,
  validateWire,
  type HistoryResult,
  type PublishParams,
} from '../src/v6/index.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('@centkit/validators/v6', () => {
  it('has the 21 OSS methods of Centrifugo v6.9.1', () => {
    expect(methodNames).toHaveLength(21);
    expect(isMethodName('presence_stats')).toBe(true);
    expect(isMethodName('connections')).toBe(false);
  });

  it('narrows typed params, and the wire view accepts what the server accepts', () => {
    const ok = validatePublishParams({ channel: 'news', data: { text: 'hi' } });
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      const params: PublishParams = ok.value;
      expect(params.channel).toBe('news');
    }
    // The server decodes `{}` (and answers 107 itself); a well-behaved caller names a channel.
    expect(validatePublishParamsWire({}).ok).toBe(true);
    expect(validatePublishParams({}).ok).toBe(false);
    // 64-bit integers are JSON numbers, never strings: the server answers 400 to "5".
    expect(validatePublishParamsWire({ channel: 'c', data: 1, version: '5' }).ok).toBe(false);
  });

  it('validates by method name, in both views, and reports an unknown method', () => {
    const history = validate('history', 'result', { publications: [], epoch: 'AbCdEfGh', offset: 0 });
    expect(history.ok).toBe(true);
    if (history.ok) {
      const result: HistoryResult = history.value;
      expect(result.publications).toEqual([]);
    }
    expect(validateWire('history', 'params', { channel: 'x', limit: 1.5 }).ok).toBe(false);
    const unknown = validate('connections', 'params', {});
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.errors[0]?.message).toBe('unknown method "connections"');
  });

  it('carries the numbered error catalogue with transport-mode statuses', () => {
    const badRequest = errorCatalogue.find((e) => 'code' in e && e.code === 107);
    expect(badRequest).toMatchObject({ message: 'bad request', transportStatus: 400 });
  });

  it('loads no 1.x code, and the 1.x entry loads no v6 code', async () => {
    const v6 = await modulesOf('v6/index.ts');
    expect(v6.some((m) => m.includes('src/v6/gen/'))).toBe(true);
    expect(v6.filter((m) => m.includes('src/gen/'))).toEqual([]);
    const v1 = await modulesOf('index.ts');
    expect(v1.some((m) => m.includes('src/gen/'))).toBe(true);
    expect(v1.filter((m) => m.includes('/v6/'))).toEqual([]);
  });
});

/** The modules esbuild follows from an entry's source (ajv's runtime left out). */
async function modulesOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(repoRoot, 'packages/validators/src', entry)],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    external: ['ajv'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}
