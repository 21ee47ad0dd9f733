import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApiUrl, CentUsageError } from '../src/index.js';
import { FakeCentrifugo } from './support/fake-centrifugo.js';
import { TestClient } from './support/test-client.js';

describe('buildApiUrl', () => {
  it.each([
    ['http://h:8000', 'http://h:8000/api/'],
    ['http://h:8000/', 'http://h:8000/api/'],
    ['http://h:8000//', 'http://h:8000/api/'],
    ['http://h:8000/api', 'http://h:8000/api/'],
    ['http://h:8000/api/', 'http://h:8000/api/'],
    ['http://h:8000/api//', 'http://h:8000/api/'],
    ['http://h:8000/prefix', 'http://h:8000/prefix/api/'],
    ['http://h:8000/prefix/', 'http://h:8000/prefix/api/'],
    ['http://h:8000/prefix/api', 'http://h:8000/prefix/api/'],
    ['https://h/capi', 'https://h/capi/api/'],
    ['http://h:8000/?x=1', 'http://h:8000/api/?x=1'],
    ['http://h:8000/#frag', 'http://h:8000/api/'],
  ])('%s -> %s (no /api/api/)', (address, expected) => {
    expect(buildApiUrl(address).href).toBe(expected);
  });

  it.each(['localhost:8000/api', 'notaurl', 'ftp://h/', ''])('rejects %j with a CentUsageError', (address) => {
    expect(() => buildApiUrl(address)).toThrow(CentUsageError);
  });

  it('does not repeat credentials of a bad address in the error', () => {
    expect(() => buildApiUrl('http://user:pa ss@h:x/')).toThrow(/\*\*\*@/);
  });
});

describe('the URL a client posts to', () => {
  let plain: FakeCentrifugo;
  let prefixed: FakeCentrifugo;
  beforeAll(async () => {
    plain = await FakeCentrifugo.start({ secret: 'secret' });
    prefixed = await FakeCentrifugo.start({ secret: 'secret', prefix: '/prefix' });
  });
  afterAll(async () => {
    await plain.close();
    await prefixed.close();
  });

  it.each([
    ['plain', '', '/api/'],
    ['plain', '/', '/api/'],
    ['plain', '/api', '/api/'],
    ['plain', '/api/', '/api/'],
    ['prefixed', '', '/prefix/api/'],
    ['prefixed', '/api/', '/prefix/api/'],
  ])('%s server, address + %j posts to %s', async (which, suffix, path) => {
    const server = which === 'plain' ? plain : prefixed;
    server.reset();
    const client = new TestClient({ address: server.address + suffix, secret: 'secret' });
    await client.publish({ channel: 'news', data: 1 });
    await client.close();
    expect(server.requests.map((r) => [r.httpMethod, r.path])).toEqual([['POST', path]]);
  });
});
