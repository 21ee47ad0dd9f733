import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../src/diff/change.js';
import { formatPath } from '../src/diff/change.js';
import { diffProtocols } from '../src/diff/diff-protocols.js';
import { loadProtocol } from '../src/diff/load-protocol.js';
import { CHANGE_KINDS, type ChangeKind } from '../src/diff/rules.js';
import { readFixture, writeSchemaDir, type SchemaFiles } from './support/schema-dir.js';
import { scratchRoot } from './support/workspace.js';

type Edit = (files: SchemaFiles) => void;

/** One synthetic case: the kvstore fixture edited by `old` → the fixture edited by `new` (no edit: the fixture as is). */
interface Case {
  readonly name: string;
  readonly old?: Edit;
  readonly new?: Edit;
  /** The change it must report: kind, subject, `at` (the formatted path) and, optionally, part of the detail. */
  readonly expect: {
    kind: ChangeKind;
    subject: string;
    at: string;
    detail?: RegExp;
    callers: Change['callers'];
    implementers: Change['implementers'];
  };
}

const method = (f: SchemaFiles, name: string) =>
  f['protocol.json'].methods.find((m: { name: string }) => m.name === name);
const listKeysParams = (f: SchemaFiles) => f['methods/list_keys.params.json'];
const listKeysResult = (f: SchemaFiles) => f['methods/list_keys.result.json'];
const commands = { shape: 'commands', method: 'op', params: 'args' };
const addQueue = (f: SchemaFiles, queue: object = {}) =>
  f['protocol.json'].transports.push({
    id: 'queue',
    kind: 'queue',
    description: 'A list.',
    queue: { system: 'redis', keys: ['kv.api'], push: 'RPUSH', ...queue },
    request: commands,
    reply: { shape: 'none' },
  });
const addFormTransport = (f: SchemaFiles) =>
  f['protocol.json'].transports.push({
    id: 'form',
    kind: 'http',
    description: 'Form.',
    http: { method: 'POST', path: '/rpc', body: 'form', dataField: 'data' },
    request: commands,
    reply: { shape: 'commands', error: 'error', result: 'result' },
  });
const addTag = (f: SchemaFiles) => {
  f['types/tag.schema.json'] = { $schema: 'http://json-schema.org/draft-07/schema#', title: 'Tag', type: 'string' };
  f['protocol.json'].types.push('types/tag.schema.json');
};

const CASES: readonly Case[] = [
  {
    name: 'a new method',
    new: (f) => {
      f['protocol.json'].methods.push({
        name: 'delete',
        since: '0.4.0',
        effect: 'write',
        description: 'Delete.',
        params: 'methods/delete.params.json',
        result: 'methods/delete.result.json',
      });
      f['methods/delete.params.json'] = { type: 'object', required: ['key'], properties: { key: { type: 'string' } } };
      f['methods/delete.result.json'] = { type: 'boolean' };
    },
    expect: { kind: 'method-added', subject: 'method delete', at: '', callers: 'compatible', implementers: 'breaking' },
  },
  {
    name: 'a method removed',
    new: (f) => {
      f['protocol.json'].methods.pop();
    },
    expect: {
      kind: 'method-removed',
      subject: 'method list_keys',
      at: '',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'write → read',
    new: (f) => {
      method(f, 'put').effect = 'read';
    },
    expect: {
      kind: 'method-became-read',
      subject: 'method put',
      at: '',
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'read → write',
    new: (f) => {
      method(f, 'get').effect = 'write';
    },
    expect: {
      kind: 'method-became-write',
      subject: 'method get',
      at: '',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },

  {
    name: 'an optional param',
    new: (f) => {
      listKeysParams(f).properties.reverse = { type: 'boolean', 'x-since': '0.4.0' };
    },
    expect: {
      kind: 'param-added-optional',
      subject: 'method list_keys',
      at: 'params.reverse',
      detail: /boolean, since 0\.4\.0/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a required param',
    new: (f) => {
      const p = f['methods/put.params.json'];
      p.properties.ttl = { type: 'integer' };
      p.required.push('ttl');
    },
    expect: {
      kind: 'param-added-required',
      subject: 'method put',
      at: 'params.ttl',
      callers: 'breaking',
      implementers: 'breaking',
    },
  },
  {
    name: 'a param removed',
    new: (f) => {
      delete listKeysParams(f).properties.prefix;
    },
    expect: {
      kind: 'param-removed',
      subject: 'method list_keys',
      at: 'params.prefix',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'a param became required',
    new: (f) => {
      listKeysParams(f).required = ['prefix'];
    },
    expect: {
      kind: 'param-became-required',
      subject: 'method list_keys',
      at: 'params.prefix',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'a param became optional',
    new: (f) => {
      f['methods/put.params.json'].required = ['key'];
    },
    expect: {
      kind: 'param-became-optional',
      subject: 'method put',
      at: 'params.value',
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a param is nullable',
    new: (f) => {
      listKeysParams(f).properties.prefix.type = ['string', 'null'];
    },
    expect: {
      kind: 'param-widened',
      subject: 'method list_keys',
      at: 'params.prefix',
      detail: /now allows null/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'integer → number',
    new: (f) => {
      listKeysParams(f).properties.limit.type = 'number';
    },
    expect: {
      kind: 'param-widened',
      subject: 'method list_keys',
      at: 'params.limit',
      detail: /type integer → number: now allows number/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'an enum value added',
    new: (f) => {
      f['methods/put.params.json'].properties.mode.enum.push('merge');
    },
    expect: {
      kind: 'param-widened',
      subject: 'method put',
      at: 'params.mode',
      detail: /enum also allows "merge"/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a maximum raised',
    new: (f) => {
      listKeysParams(f).properties.limit.maximum = 5000;
    },
    expect: {
      kind: 'param-widened',
      subject: 'method list_keys',
      at: 'params.limit',
      detail: /maximum 1000 → 5000/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a minLength dropped',
    new: (f) => {
      delete f['methods/put.params.json'].properties.key.minLength;
    },
    expect: {
      kind: 'param-widened',
      subject: 'method put',
      at: 'params.key',
      detail: /minLength 1 → none/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a pattern dropped',
    old: (f) => {
      listKeysParams(f).properties.prefix.pattern = '^[a-z]';
    },
    expect: {
      kind: 'param-widened',
      subject: 'method list_keys',
      at: 'params.prefix',
      detail: /pattern \^\[a-z\] → none/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'other properties allowed',
    old: (f) => {
      listKeysParams(f).additionalProperties = false;
    },
    expect: {
      kind: 'param-widened',
      subject: 'method list_keys',
      at: 'params',
      detail: /other properties now allowed/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a param no longer nullable',
    old: (f) => {
      listKeysParams(f).properties.prefix.type = ['string', 'null'];
    },
    expect: {
      kind: 'param-narrowed',
      subject: 'method list_keys',
      at: 'params.prefix',
      detail: /no longer allows null/,
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'an enum value removed',
    new: (f) => {
      f['methods/put.params.json'].properties.mode.enum.pop();
    },
    expect: {
      kind: 'param-narrowed',
      subject: 'method put',
      at: 'params.mode',
      detail: /enum no longer allows "upsert"/,
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'a minimum raised',
    new: (f) => {
      listKeysParams(f).properties.limit.minimum = 10;
    },
    expect: {
      kind: 'param-narrowed',
      subject: 'method list_keys',
      at: 'params.limit',
      detail: /minimum 1 → 10/,
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'a pattern added',
    new: (f) => {
      listKeysParams(f).properties.prefix.pattern = '^[a-z]';
    },
    expect: {
      kind: 'param-narrowed',
      subject: 'method list_keys',
      at: 'params.prefix',
      detail: /pattern none → \^\[a-z\]/,
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'a maxLength added in a shared type used by params',
    new: (f) => {
      f['types/entry.schema.json'].properties.key.maxLength = 64;
    },
    expect: {
      kind: 'result-narrowed',
      subject: 'method put',
      at: 'result.key',
      detail: /maxLength none → 64/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'an unmodelled keyword',
    new: (f) => {
      listKeysParams(f).properties.limit.multipleOf = 10;
    },
    expect: {
      kind: 'param-changed',
      subject: 'method list_keys',
      at: 'params.limit',
      detail: /`multipleOf` changed/,
      callers: 'unknown',
      implementers: 'unknown',
    },
  },
  {
    name: 'required for callers only (x-typed)',
    new: (f) => {
      listKeysParams(f)['x-typed'] = { required: ['prefix'] };
    },
    expect: {
      kind: 'param-became-required',
      subject: 'method list_keys',
      at: 'params.prefix',
      callers: 'breaking',
      implementers: 'unaffected',
    },
  },
  {
    name: 'null refused on the wire only',
    new: (f) => {
      f['methods/get.params.json'].type = 'object';
    },
    expect: {
      kind: 'param-narrowed',
      subject: 'method get',
      at: 'params',
      detail: /no longer allows null/,
      callers: 'unaffected',
      implementers: 'compatible',
    },
  },
  {
    name: 'a command envelope field',
    new: (f) => {
      f['envelopes/request.schema.json'].properties.id = { type: 'string' };
    },
    expect: {
      kind: 'param-added-optional',
      subject: 'envelope command',
      at: 'id',
      callers: 'compatible',
      implementers: 'breaking',
    },
  },

  {
    name: 'a result field always sent',
    new: (f) => {
      listKeysResult(f).properties.total = { type: 'integer' };
      listKeysResult(f).required.push('total');
    },
    expect: {
      kind: 'result-field-added-required',
      subject: 'method list_keys',
      at: 'result.total',
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a result field maybe sent',
    new: (f) => {
      listKeysResult(f).properties.cursor = { type: 'string' };
    },
    expect: {
      kind: 'result-field-added-optional',
      subject: 'method list_keys',
      at: 'result.cursor',
      callers: 'compatible',
      implementers: 'compatible',
    },
  },
  {
    name: 'a result field removed',
    new: (f) => {
      delete listKeysResult(f).properties.next;
    },
    expect: {
      kind: 'result-field-removed',
      subject: 'method list_keys',
      at: 'result.next',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'a result field always sent now',
    new: (f) => {
      listKeysResult(f).required.push('next');
    },
    expect: {
      kind: 'result-field-became-required',
      subject: 'method list_keys',
      at: 'result.next',
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a result field may be missing now',
    new: (f) => {
      listKeysResult(f).required = [];
    },
    expect: {
      kind: 'result-field-became-optional',
      subject: 'method list_keys',
      at: 'result.entries',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'a result field takes more values',
    new: (f) => {
      listKeysResult(f).properties.next.type.push('integer');
    },
    expect: {
      kind: 'result-widened',
      subject: 'method list_keys',
      at: 'result.next',
      detail: /now allows integer/,
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'a nested shared-type field',
    new: (f) => {
      f['types/entry.schema.json'].properties.version.minimum = -1;
    },
    expect: {
      kind: 'result-widened',
      subject: 'method list_keys',
      at: 'result.entries[].version',
      detail: /minimum 0 → -1/,
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'a result field never null now',
    new: (f) => {
      listKeysResult(f).properties.next.type = 'string';
    },
    expect: {
      kind: 'result-narrowed',
      subject: 'method list_keys',
      at: 'result.next',
      detail: /no longer allows null/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a result unmodelled keyword',
    new: (f) => {
      listKeysResult(f).properties.next.format = 'uri';
    },
    expect: {
      kind: 'result-changed',
      subject: 'method list_keys',
      at: 'result.next',
      detail: /`format` changed/,
      callers: 'unknown',
      implementers: 'unknown',
    },
  },
  {
    name: 'a reply envelope field',
    new: (f) => {
      delete f['envelopes/response.schema.json'].properties.result;
    },
    expect: {
      kind: 'result-field-removed',
      subject: 'envelope reply',
      at: 'result',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },

  {
    name: 'an error added',
    new: (f) => {
      f['errors.json'].errors.push({ id: 'conflict', kind: 'soft', message: 'conflict', description: 'x' });
    },
    expect: { kind: 'error-added', subject: 'error conflict', at: '', callers: 'compatible', implementers: 'breaking' },
  },
  {
    name: 'an error removed',
    new: (f) => {
      f['errors.json'].errors.shift();
      method(f, 'get').errors = [];
    },
    expect: {
      kind: 'error-removed',
      subject: 'error not_found',
      at: '',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'an error message changed',
    new: (f) => {
      f['errors.json'].errors[0].message = 'key not found';
    },
    expect: {
      kind: 'error-changed',
      subject: 'error not_found',
      at: 'message',
      detail: /"no such key" → "key not found"/,
      callers: 'breaking',
      implementers: 'breaking',
    },
  },
  {
    name: 'an advice value changed',
    old: (f) => {
      Object.assign(f['errors.json'].errors[0], { advice: 'retry', adviceMethods: ['get'] });
    },
    new: (f) => {
      Object.assign(f['errors.json'].errors[0], { advice: 'fix', adviceMethods: ['get'] });
    },
    expect: {
      kind: 'error-changed',
      subject: 'error not_found',
      at: 'advice',
      callers: 'breaking',
      implementers: 'breaking',
    },
  },
  {
    name: 'a method answers another error',
    new: (f) => {
      method(f, 'list_keys').errors = ['not_found'];
    },
    expect: {
      kind: 'method-error-added',
      subject: 'method list_keys',
      at: 'errors.not_found',
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a method no longer answers an error',
    new: (f) => {
      method(f, 'get').errors = [];
    },
    expect: {
      kind: 'method-error-removed',
      subject: 'method get',
      at: 'errors.not_found',
      callers: 'compatible',
      implementers: 'compatible',
    },
  },
  {
    name: 'advice added',
    new: (f) => {
      Object.assign(f['errors.json'].errors[0], { advice: 'retry', adviceMethods: ['get'] });
    },
    expect: {
      kind: 'error-advice-added',
      subject: 'method get',
      at: 'errors.not_found',
      detail: /advice retry/,
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'advice removed',
    old: (f) => {
      Object.assign(f['errors.json'].errors[0], { advice: 'retry', adviceMethods: ['get'] });
    },
    expect: {
      kind: 'error-advice-removed',
      subject: 'method get',
      at: 'errors.not_found',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },

  {
    name: 'a transport added',
    new: addFormTransport,
    expect: {
      kind: 'transport-added',
      subject: 'transport form',
      at: '',
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a transport removed',
    old: addFormTransport,
    expect: {
      kind: 'transport-removed',
      subject: 'transport form',
      at: '',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'a transport path',
    new: (f) => {
      f['protocol.json'].transports[0].http.path = '/v2/rpc';
    },
    expect: {
      kind: 'transport-changed',
      subject: 'transport http',
      at: 'http.path',
      detail: /"\/rpc" → "\/v2\/rpc"/,
      callers: 'breaking',
      implementers: 'breaking',
    },
  },
  {
    name: 'signing added',
    new: (f) => {
      f['protocol.json'].transports[0].auth = {
        scheme: 'hmac',
        algorithm: 'hmac-sha256',
        encoding: 'hex-lower',
        over: 'data',
        header: 'X-Sign',
      };
    },
    expect: {
      kind: 'transport-changed',
      subject: 'transport http',
      at: 'auth',
      detail: /^auth none → set$/,
      callers: 'breaking',
      implementers: 'breaking',
    },
  },
  {
    name: 'the auth header renamed',
    old: (f) => {
      f['protocol.json'].transports[0].auth = { scheme: 'api-key', header: 'X-Key' };
    },
    new: (f) => {
      f['protocol.json'].transports[0].auth = { scheme: 'api-key', header: 'X-API-Key' };
    },
    expect: {
      kind: 'transport-changed',
      subject: 'transport http',
      at: 'auth.header',
      detail: /"X-Key" → "X-API-Key"/,
      callers: 'breaking',
      implementers: 'breaking',
    },
  },
  {
    name: 'the reply shape',
    new: (f) => {
      Object.assign(f['protocol.json'].transports[0], {
        http: { method: 'POST', path: '/rpc/{method}', body: 'json' },
        request: { shape: 'params' },
        reply: { shape: 'envelope', error: 'error', result: 'result' },
      });
      delete f['protocol.json'].transports[0].batch;
    },
    expect: {
      kind: 'transport-changed',
      subject: 'transport http',
      at: 'request.shape',
      detail: /"commands" → "params"/,
      callers: 'breaking',
      implementers: 'breaking',
    },
  },
  {
    name: 'a transport carries a method',
    old: (f) => {
      f['protocol.json'].transports[0].methods = ['get', 'put'];
    },
    expect: {
      kind: 'transport-method-added',
      subject: 'transport http',
      at: 'methods.list_keys',
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'a transport drops a method',
    new: (f) => {
      f['protocol.json'].transports[0].methods = ['get', 'put'];
    },
    expect: {
      kind: 'transport-method-removed',
      subject: 'transport http',
      at: 'methods.list_keys',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'batches allowed',
    old: (f) => {
      delete f['protocol.json'].transports[0].batch;
    },
    expect: {
      kind: 'transport-batch-added',
      subject: 'transport http',
      at: 'batch',
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'batches refused',
    new: (f) => {
      delete f['protocol.json'].transports[0].batch;
    },
    expect: {
      kind: 'transport-batch-removed',
      subject: 'transport http',
      at: 'batch',
      detail: /^batch array of commands → none$/,
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'shard keys read',
    old: (f) => addQueue(f),
    new: (f) => addQueue(f, { shardKey: 'kv.api.{shard}' }),
    expect: {
      kind: 'transport-shard-added',
      subject: 'transport queue',
      at: 'queue.shardKey',
      callers: 'compatible',
      implementers: 'breaking',
    },
  },
  {
    name: 'shard keys dropped',
    old: (f) => addQueue(f, { shardKey: 'kv.api.{shard}' }),
    new: (f) => addQueue(f),
    expect: {
      kind: 'transport-shard-removed',
      subject: 'transport queue',
      at: 'queue.shardKey',
      callers: 'breaking',
      implementers: 'compatible',
    },
  },
  {
    name: 'another default',
    old: addFormTransport,
    new: (f) => {
      addFormTransport(f);
      f['protocol.json'].transports[0].default = false;
      f['protocol.json'].transports[1].default = true;
    },
    expect: {
      kind: 'transport-default-changed',
      subject: 'transport form',
      at: 'default',
      detail: /http → form/,
      callers: 'compatible',
      implementers: 'compatible',
    },
  },

  {
    name: 'a shared type added',
    new: addTag,
    expect: { kind: 'type-added', subject: 'type Tag', at: '', callers: 'compatible', implementers: 'compatible' },
  },
  {
    name: 'a shared type removed',
    old: addTag,
    expect: { kind: 'type-removed', subject: 'type Tag', at: '', callers: 'breaking', implementers: 'compatible' },
  },
];

describe('diff rules, each on a made-up protocol', () => {
  let root: { dir: string; dispose: () => Promise<void> };
  const results = new Map<string, Change[]>();

  beforeAll(async () => {
    root = await scratchRoot('diff-rules');
    for (const [i, c] of CASES.entries()) {
      const old = await readFixture('kvstore');
      const neu = await readFixture('kvstore');
      c.old?.(old);
      c.new?.(neu);
      const a = await loadProtocol(await writeSchemaDir(root.dir, `${i}-old`, old), root.dir);
      const b = await loadProtocol(await writeSchemaDir(root.dir, `${i}-new`, neu), root.dir);
      results.set(c.name, [...diffProtocols(a.ir, b.ir).changes]);
    }
  });
  afterAll(() => root.dispose());

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const changes = results.get(c.name) ?? [];
    const found = changes.find(
      (ch) =>
        ch.kind === c.expect.kind &&
        `${ch.subject.kind} ${ch.subject.name}` === c.expect.subject &&
        formatPath(ch.path) === c.expect.at,
    );
    expect(found, `${c.expect.kind} at ${c.expect.at} among ${JSON.stringify(changes, null, 1)}`).toBeDefined();
    if (c.expect.detail !== undefined) expect(found?.detail).toMatch(c.expect.detail);
    expect({ callers: found?.callers, implementers: found?.implementers }).toEqual({
      callers: c.expect.callers,
      implementers: c.expect.implementers,
    });
  });

  it('has a case for every rule', () => {
    const covered = new Set(CASES.map((c) => c.expect.kind));
    expect(CHANGE_KINDS.filter((k) => !covered.has(k))).toEqual([]);
  });

  it('reports nothing else for a one-field edit', () => {
    expect((results.get('an optional param') ?? []).map((c) => c.kind)).toEqual(['param-added-optional']);
    expect(
      (results.get('a nested shared-type field') ?? []).map((c) => `${c.subject.name} ${formatPath(c.path)}`),
    ).toEqual(['get result.version', 'list_keys result.entries[].version', 'put result.version']);
  });
});
