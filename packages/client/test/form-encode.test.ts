import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiSign } from '../src/index.js';
import { buildPayload, formEncode } from '../src/runtime/commands/encode.js';
import { FakeCentrifugo } from './support/fake-centrifugo.js';
import { TestClient } from './support/test-client.js';

/** What the form body held before the client had its own encoder (and what browsers send). */
const viaURLSearchParams = (value: string): string => new URLSearchParams([['', value]]).toString().slice(1);

const EVERY_BMP_CHAR = JSON.stringify(Array.from({ length: 0x800 }, (_, i) => String.fromCharCode(i)).join(''));

describe('form encoding', () => {
  it.each([
    ['empty', ''],
    ['plain JSON', '[{"method":"publish","params":{"channel":"news","data":1}}]'],
    ['spaces and the characters encodeURIComponent keeps', `[{"text":"a b !'()~* -._"}]`],
    ['non-ASCII, astral and line separators', JSON.stringify(['ünï ☃ 😀 \u2028 \u2029 \u00a0'])],
    ["non-ASCII and astral without a space or !'()~", JSON.stringify(['ünï☃😀\u2028'])],
    ['lone surrogates (U+FFFD, as URLSearchParams)', 'a\ud800b\udc00c\ud83d'],
    ['lone surrogate next to a space', 'a \ud800'],
    ['every character below U+0800', EVERY_BMP_CHAR],
    ['reserved characters', '[{"q":"a=1&b=2+3%20;/?#[]@$,"}]'],
  ])('%s: byte for byte what URLSearchParams writes', (_, value) => {
    expect(formEncode(value)).toBe(viaURLSearchParams(value));
  });

  it('long values (past the reused scratch buffer) and a short one after them', () => {
    const long = JSON.stringify(Array.from({ length: 5000 }, (_, i) => ({ text: `message ${i} (ü)` })));
    expect(long.length * 3).toBeGreaterThan(1 << 16);
    expect(formEncode(long)).toBe(viaURLSearchParams(long));
    expect(formEncode('[1, "a b"]')).toBe(viaURLSearchParams('[1, "a b"]'));
  });

  it('the form body: sign, then data; Content-Length counts its bytes', () => {
    const data = '[{"method":"publish","params":{"channel":"c","data":"a b ü"}}]';
    const sign = generateApiSign('s', data);
    const payload = buildPayload('form', data, sign);
    expect(payload.body).toBe(
      new URLSearchParams([
        ['sign', sign],
        ['data', data],
      ]).toString(),
    );
    expect(payload.headers['Content-Length']).toBe(String(Buffer.byteLength(payload.body)));
    expect(buildPayload('form', data, undefined).body).toBe(new URLSearchParams([['data', data]]).toString());
  });

  it('the JSON body: Content-Length counts UTF-8 bytes, not characters', () => {
    const data = '[{"method":"publish","params":{"channel":"c","data":"☃😀"}}]';
    const payload = buildPayload('json', data, 'abc');
    expect(payload.body).toBe(data);
    expect(payload.headers['Content-Length']).toBe(String(Buffer.byteLength(data, 'utf8')));
    expect(payload.headers['X-API-Sign']).toBe('abc');
  });
});

describe('form requests on the wire', () => {
  let server: FakeCentrifugo;
  beforeAll(async () => {
    server = await FakeCentrifugo.start({ secret: 'secret' });
  });
  afterAll(() => server.close());

  it('text with spaces, punctuation and non-ASCII arrives intact and correctly signed', async () => {
    const client = new TestClient({ address: server.address, secret: 'secret' });
    try {
      const text = `hello world (it's ~ok!) * ü ☃ 😀 & = + %`;
      await client.publish({ channel: 'chat', data: { text } });
      const [request] = server.requests;
      const data = `[{"method":"publish","params":{"channel":"chat","data":{"text":${JSON.stringify(text)}}}}]`;
      expect(request?.data).toBe(data);
      expect(request?.body).toBe(
        new URLSearchParams([
          ['sign', generateApiSign('secret', data)],
          ['data', data],
        ]).toString(),
      );
      expect(request?.signValid).toBe(true);
    } finally {
      await client.close();
    }
  });
});
