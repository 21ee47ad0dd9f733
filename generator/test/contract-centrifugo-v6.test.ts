/**
 * `centkit contract` with schema/centrifugo-v6 and its probe plan against the real Centrifugo
 * v6.9.1 (issue 13 §11): every method PASS on the shared-poll server (every namespace the plan
 * needs); rpc, which OSS serves for no method, answers the catalogued not_found the plan expects.
 * The probes touch only the contract channel, the contract map key and made-up users.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeWithCentrifugo,
  startCentrifugo,
  variantConfigs,
  type RealCentrifugo,
} from '../../test/support/centrifugo-v6.js';
import { runCentkit } from './support/run.js';
import { repoRoot } from './support/workspace.js';

const SCHEMA = path.join(repoRoot, 'schema/centrifugo-v6');
/** A key long enough that finding it in the output cannot be chance. */
const API_KEY = 'contract-v6-key-4e8b1f0a9c3d7e25';
const METHODS = [
  'publish',
  'broadcast',
  'subscribe',
  'unsubscribe',
  'disconnect',
  'refresh',
  'presence',
  'presence_stats',
  'history',
  'history_remove',
  'channels',
  'info',
  'rpc',
  'batch',
  'map_publish',
  'map_remove',
  'map_read_state',
  'map_read_stream',
  'map_stats',
  'map_clear',
  'shared_poll_publish',
];

describeWithCentrifugo('centkit contract: schema/centrifugo-v6 against the real Centrifugo v6.9.1', () => {
  let server: RealCentrifugo;
  beforeAll(async () => {
    server = await startCentrifugo({ ...variantConfigs.sharedPoll, http_api: { key: API_KEY } });
  });
  afterAll(() => server?.stop());

  const post = async (method: string, params: object): Promise<unknown> => {
    const response = await fetch(`${server.url}/api/${method}`, {
      method: 'POST',
      headers: { 'X-API-Key': API_KEY },
      body: JSON.stringify(params),
    });
    return ((await response.json()) as { result: unknown }).result;
  };

  it('every method PASS, and the key is never printed', async () => {
    const { code, stdout, stderr } = await runCentkit([
      'contract',
      '--schema',
      SCHEMA,
      '--address',
      server.url,
      '--api-key',
      API_KEY,
    ]);
    expect(stderr).toBe('');
    expect(stdout).toMatch(
      /^centkit contract: centrifugo-v6 6\.9\.1 against http:\/\/127\.0\.0\.1:\d+\/api\/\{method\} \(transport http-api\), channel both:centkit-contract, user centkit-contract-[0-9a-f]{12}\n/,
    );
    const lines = stdout.trim().split('\n').slice(1);
    expect(lines).toEqual([
      ...METHODS.map((m) => (m === 'rpc' ? 'PASS rpc (answered the expected error not_found)' : `PASS ${m}`)),
      '21 methods: 21 passed, 0 failed, 0 skipped',
    ]);
    expect(code).toBe(0);
    expect(stdout).not.toContain(API_KEY);
    // The probes wrote where the plan says: the contract channel (publish and broadcast, which history_remove cleared, then
    // the batch's publish) and the contract map key (published, removed, cleared).
    expect(await post('history', { channel: 'both:centkit-contract', limit: -1 })).toMatchObject({
      publications: [{ data: 'centkit contract probe', offset: 3 }],
      offset: 3,
    });
    expect(await post('channels', {})).toEqual({ channels: {} });
    expect(await post('map_stats', { channel: 'map:centkit-contract' })).toEqual({});
  });

  it('a channel in a namespace the server lacks fails every probe that uses it; rpc still answers its expected error', async () => {
    const wrongChannel = await runCentkit([
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
    expect(wrongChannel.code).toBe(1);
    expect(wrongChannel.stdout).toContain('PASS rpc (answered the expected error not_found)\n');
    expect(wrongChannel.stdout).toContain(
      'FAIL publish with params {"channel":"nope:x","data":{"text":"centkit contract probe"}}\n  /error (wire): expected no error (the probe sends valid params), got {"code":102,"message":"unknown channel"}',
    );
  });
});
