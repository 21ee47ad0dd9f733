import { describe, expect, it } from 'vitest';
import { useMockCentrifugo } from '../src/vitest.js';
import { postSigned } from './support/http.js';

const mock = useMockCentrifugo({
  secret: 's',
  config: { namespaces: [{ name: 'public', history_size: 5, history_lifetime: 60 }] },
});

const publish = (channel: string) => postSigned(mock, { method: 'publish', params: { channel, data: { ok: true } } });

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
