import { describe, expect, it } from 'vitest';
import { buildProbes } from '../src/contract/build-probes.js';
import type { ProbePlan } from '../src/contract/probe-plan.js';
import { endpointUrl } from '../src/contract/http-call.js';
import { loadProtocol } from '../src/diff/load-protocol.js';
import { fixture, repoRoot } from './support/workspace.js';

const plan: ProbePlan = {
  envelope: { command: { method: 'op', params: 'args' }, reply: { error: 'error', result: 'result' } },
  channel: 'ns:probe',
  userPrefix: 'probe-',
  probes: { put: { params: { key: '{channel}', tags: ['{user}', 'x'] } } },
};

describe('probe params, on a made-up protocol', () => {
  it('come from the schema (examples first, then seeded values of the typed view), patched by the plan', async () => {
    const { ir } = await loadProtocol(fixture('kvstore'), repoRoot);
    const probes = await buildProbes(ir, plan, { channel: 'ns:probe', user: 'probe-1' }, ['get', 'put', 'list_keys']);
    expect(probes[0]).toEqual({ method: 'get', params: { key: 'a' } });
    expect(probes[1]).toMatchObject({ method: 'put', params: { key: 'ns:probe', tags: ['probe-1', 'x'] } });
    expect(probes[1]).toHaveProperty('params.value');
    expect(probes[2]?.method).toBe('list_keys');
    expect(typeof (probes[2] as { params: unknown }).params).toBe('object');
    expect(await buildProbes(ir, plan, { channel: 'ns:probe', user: 'probe-1' }, ['get', 'put', 'list_keys'])).toEqual(probes);
  });

  it('skip write methods the plan does not cover, methods the transport does not carry, and skips the plan names', async () => {
    const { ir } = await loadProtocol(fixture('kvstore'), repoRoot);
    const probes = await buildProbes(ir, { ...plan, probes: { list_keys: { skip: 'too slow' } } }, { channel: 'c', user: 'u' }, ['put', 'list_keys']);
    expect(probes).toEqual([
      { method: 'get', skip: 'the transport does not carry this method' },
      { method: 'put', skip: 'a write method with no entry in the probe plan: not called, to change nothing' },
      { method: 'list_keys', skip: 'too slow' },
    ]);
  });
});

describe('the endpoint URL', () => {
  it('appends the transport path unless the address already ends with it', () => {
    expect(endpointUrl('http://127.0.0.1:8000', '/api/')).toBe('http://127.0.0.1:8000/api/');
    expect(endpointUrl('http://127.0.0.1:8000/', '/api/')).toBe('http://127.0.0.1:8000/api/');
    expect(endpointUrl('http://127.0.0.1:8000/api', '/api/')).toBe('http://127.0.0.1:8000/api/');
    expect(endpointUrl('http://127.0.0.1:8000/prefix', '/api/')).toBe('http://127.0.0.1:8000/prefix/api/');
    expect(endpointUrl('http://127.0.0.1:8000', '/rpc')).toBe('http://127.0.0.1:8000/rpc');
  });
});
