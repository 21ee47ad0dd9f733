/**
 * Bytes that are not UTF-8 survive the trip through JavaScript strings (json/kept-bytes.ts):
 * decoding then encoding gives the same bytes back, a Go string made of them has one U+FFFD per
 * invalid byte (utf8.DecodeRune's rule), and what the mock shows of such a request is well formed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeGoUtf8 } from '../src/go/utf8.js';
import { decodeKeptBytes, encodeKeptBytes, withoutKeptBytes } from '../src/json/kept-bytes.js';
import { unquote } from '../src/json/unquote.js';
import { startMockCentrifugo, type MockCentrifugo } from '../src/index.js';
import { control, rawRequest } from './support/http.js';
import { prng } from './support/prng.js';

describe('kept bytes', () => {
  it('round-trips 20,000 random byte strings, and a Go string of them has U+FFFD per invalid byte', () => {
    const rand = prng(0xbad8);
    const pieces = [
      [0x61],
      [0xff],
      [0xc3, 0xa9],
      [0xe2, 0x82],
      [0xe2, 0x82, 0xac],
      [0xed, 0xa0, 0x80],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xf0, 0x90, 0x82, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xc0, 0xaf],
      [0x80],
      [0xef, 0xbf, 0xbd],
      [0x22],
      [0x5c],
    ];
    for (let n = 0; n < 20_000; n += 1) {
      const bytes: number[] = [];
      const count = Math.floor(rand() * 10);
      for (let i = 0; i < count; i += 1) bytes.push(...(pieces[Math.floor(rand() * pieces.length)] as number[]));
      const buf = Buffer.from(bytes);
      const decoded = decodeKeptBytes(buf);
      expect(encodeKeptBytes(decoded.text).equals(buf), buf.toString('hex')).toBe(true);
      expect(withoutKeptBytes(decoded.text), buf.toString('hex')).toBe(decodeGoUtf8(buf.toString('latin1')));
      if (buf.includes(0x22) || buf.includes(0x5c)) continue; // not a JSON string's content
      const quoted = `"${decoded.text}"`;
      expect(unquote(quoted, 0, quoted.length), buf.toString('hex')).toBe(decodeGoUtf8(buf.toString('latin1')));
    }
  });
  it('two U+FFFD for a truncated 3-byte sequence, as Go; Node makes one', () => {
    const buf = Buffer.from([0x61, 0xe2, 0x82, 0x62]);
    expect(decodeGoUtf8(buf.toString('latin1'))).toBe('a\ufffd\ufffdb');
    expect(buf.toString('utf8')).toBe('a\ufffdb');
  });
});

describe('what the mock shows of a request that is not UTF-8', () => {
  let mock: MockCentrifugo;
  beforeAll(async () => {
    mock = await startMockCentrifugo({
      secret: 's',
      config: { namespaces: [{ name: 'public', history_size: 5, history_lifetime: 60 }] },
    });
  });
  afterAll(() => mock.close());

  it('records and peeks well-formed strings (U+FFFD per byte), while history answers the bytes', async () => {
    const data = Buffer.from(
      '{"method":"publish","params":{"channel":"public:k","data":{"t":"a\xe2\x82b"}}}',
      'latin1',
    );
    const res = await rawRequest({
      port: mock.port,
      method: 'POST',
      path: '/api/',
      headers: { 'Content-Type': 'application/json', 'X-API-Sign': mock.sign(data) },
      body: data,
    });
    expect(res.status).toBe(200);
    expect(mock.commands()[0]?.params).toEqual({ channel: 'public:k', data: { t: 'a\ufffd\ufffdb' } });
    expect(mock.history('public:k')).toMatchObject([{ data: { t: 'a\ufffd\ufffdb' } }]);
    const { status, json } = await control(mock.port, 'GET', '/_mock/history?channel=public:k');
    expect(status).toBe(200);
    expect(json).toMatchObject({ messages: [{ data: { t: 'a\ufffd\ufffdb' } }] });
  });
});
