import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  formatIssues,
  isMethodName,
  methodNames,
  methods,
  validate,
  validateCommand,
  validateHistoryParams,
  validateHistoryParamsWire,
  validatePublishParams,
  validatePublishParamsWire,
  validateReply,
  validateWire,
  type PublishParams,
} from '../src/index.js';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');

describe('@centkit/validators', () => {
  it('exports a validator per method, narrowing to the typed params on success', () => {
    const value: unknown = { channel: 'public:chat', data: { text: 'hi' } };
    const result = validatePublishParams(value);
    expect(result.ok).toBe(true);
    if (result.ok) {
      const params: PublishParams = result.value;
      expect(params.channel).toBe('public:chat');
    }
  });

  it('lists every problem with its JSON path', () => {
    const result = validatePublishParams({ channel: 5, client: 7 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.path).sort()).toEqual(['/channel', '/client', '/data']);
      expect(formatIssues(result.errors)).toContain('/data: is required');
    }
  });

  it('keeps the two views apart: the wire accepts what the server does, the typed view what callers should send', () => {
    // The server answers `{}` history params with a soft "invalid message", not a 400.
    expect(validateHistoryParamsWire({}).ok).toBe(true);
    expect(validateHistoryParams({}).ok).toBe(false);
    // Unknown keys are ignored by the server, so both views accept them.
    expect(validatePublishParamsWire({ channel: 'c', data: null, extra: 1 }).ok).toBe(true);
    // What the server refuses with a 400, the wire view refuses too.
    expect(validatePublishParamsWire({ channel: 'c' }).ok).toBe(false);
    expect(validatePublishParamsWire([]).ok).toBe(false);
  });

  it('validates by method name, and reports an unknown method as an issue', () => {
    expect(validate('history', 'params', { channel: 'public:chat' }).ok).toBe(true);
    expect(validate('stats', 'result', { data: { nodes: [], metrics_interval: 60 } }).ok).toBe(true);
    expect(validateWire('channels', 'params', 5).ok).toBe(true);
    const unknown = validate('nope', 'params', {});
    expect(unknown.ok ? [] : unknown.errors).toEqual([
      { path: '/method', message: 'unknown method "nope"', keyword: 'method', schemaPath: '' },
    ]);
    expect(isMethodName('publish')).toBe(true);
    expect(isMethodName('toString')).toBe(false);
  });

  it('checks the envelopes', () => {
    expect(validateCommand({ method: 'publish', params: {} }).ok).toBe(true);
    expect(validateReply({ method: 'publish', error: null, body: null }).ok).toBe(true);
    expect(validateReply({ method: 'publish', body: null }).ok).toBe(false);
  });

  it('carries the method table of the protocol', () => {
    expect(methodNames).toEqual([
      'publish',
      'broadcast',
      'unsubscribe',
      'disconnect',
      'presence',
      'history',
      'channels',
      'stats',
      'node',
    ]);
    expect(methods.broadcast.since).toBe('1.2.0');
    expect(methods.node.since).toBe('1.4.0');
    expect(methods.publish.fields.find((f) => f.name === 'uid')?.since).toBe('1.7.7');
    expect(methods.history.effect).toBe('read');
    expect(methods.publish.effect).toBe('write');
  });
});

describe('@centkit/validators under a plain Node ESM import of the built package', () => {
  it('loads, validates, and compiles no schema at import time', () => {
    const script = `
      import { createRequire } from 'node:module';
      import { validatePublishParams, validate } from '@centkit/validators';
      const ok = validatePublishParams({ channel: 'c', data: 1 }).ok;
      const bad = validate('publish', 'params', { channel: '' });
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/ajv/')).map((f) => f.slice(f.indexOf('/ajv/')));
      console.log(JSON.stringify({ ok, bad: bad.ok ? [] : bad.errors.map((e) => e.path), loaded }));
    `;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' }),
    ) as {
      ok: boolean;
      bad: string[];
      loaded: string[];
    };
    expect(out.ok).toBe(true);
    expect(out.bad.sort()).toEqual(['/channel', '/data']);
    // Only ajv's small runtime helpers are loaded, never its compiler.
    expect(out.loaded.length).toBeGreaterThan(0);
    expect(out.loaded.every((f) => f.startsWith('/ajv/dist/runtime/'))).toBe(true);
  });
});

describe('@centkit/validators/protocol', () => {
  it('gives the method table without loading ajv (for code that must start fast)', () => {
    const script = `
      import { createRequire } from 'node:module';
      import { isMethodName, methodNames, methods } from '@centkit/validators/protocol';
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/ajv/'));
      console.log(JSON.stringify({ names: methodNames, publish: isMethodName('publish'), proto: isMethodName('__proto__'), effect: methods.publish.effect, loaded }));
    `;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' }),
    ) as Record<string, unknown>;
    expect(out).toMatchObject({
      names: methodNames,
      publish: true,
      proto: false,
      effect: methods.publish.effect,
      loaded: [],
    });
  });
});
