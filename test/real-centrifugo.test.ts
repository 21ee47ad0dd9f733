/**
 * The harness itself: the real Centrifugo v6.9.1 starts on a loopback port with the generated
 * config, answers its API with the key and refuses it without, and stops.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  API_KEY,
  CENTRIFUGO_VERSION,
  describeWithCentrifugo,
  startCentrifugo,
  type RealCentrifugo,
} from './support/centrifugo-v6.js';

describeWithCentrifugo('the real Centrifugo v6 harness', () => {
  let server: RealCentrifugo;
  beforeAll(async () => {
    server = await startCentrifugo();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs the pinned release on 127.0.0.1 and answers info with the API key', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/api/info`, {
      method: 'POST',
      headers: { 'X-API-Key': API_KEY },
      body: '{}',
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { nodes: { version: string }[] } };
    expect(body.result.nodes[0]?.version).toBe(`${CENTRIFUGO_VERSION} OSS`);
  });

  it('refuses a call without the key with an empty 401', async () => {
    const response = await fetch(`${server.url}/api/info`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('');
  });

  it('stops: the port no longer answers', async () => {
    const other = await startCentrifugo({ http_api: { key: 'x' } });
    await other.stop();
    await expect(fetch(`${other.url}/health`)).rejects.toThrow();
  });
});
