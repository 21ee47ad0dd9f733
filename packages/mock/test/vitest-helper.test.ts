import { describe, expect, it } from 'vitest';
import { useMockCentrifugo } from '../src/vitest.js';
import { rawRequest } from './support/http.js';

const mock = useMockCentrifugo({
  secret: 's',
  config: { namespaces: [{ name: 'public', history_size: 5, history_lifetime: 60 }] },
});

async function publish(channel: string): Promise<number> {
  const data = JSON.stringify({ method: 'publish', params: { channel, data: { ok: true } } });
  const res = await rawRequest({
    port: mock.port,
    method: 'POST',
    path: '/api/',
    headers: { 'Content-Type': 'application/json', 'X-API-Sign': mock.sign(data) },
    body: data,
  });
  return res.status;
}

describe('useMockCentrifugo', () => {
  it('gives the file a running mock', async () => {
    expect(await publish('public:a')).toBe(200);
    expect(mock.commands({ method: 'publish' })).toHaveLength(1);
    expect(mock.history('public:a')).toHaveLength(1);
  });
  it('resets state before each test', () => {
    expect(mock.commands()).toEqual([]);
    expect(mock.history('public:a')).toEqual([]);
  });
});
