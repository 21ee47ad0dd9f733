import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateApiSign, generateChannelSign, generateClientToken } from '../src/index.js';

interface Vector {
  seq: number;
  label: string;
  secret: string;
  data: string;
  sign: string;
  body: string;
}

const vectors: Vector[] = readFileSync(new URL('./fixtures/cent-sign-vectors.jsonl', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Vector);

describe('generateApiSign', () => {
  it('gives the README vector', () => {
    const data = '[{"method": "publish", "params": {"channel": "public:chat", "data": {"input": "test"}}}]';
    expect(generateApiSign('secret', data)).toBe('6135282085275fc1775042b092f32381ccbf579540399f622f93ac9362c35359');
  });

  it('has all 125 signed requests cent 1.1.0 sent', () => {
    expect(vectors).toHaveLength(125);
  });

  it.each(vectors.map((v) => [v.seq, v.label, v] as const))('equals cent 1.1.0 request %i (%s)', (_seq, _label, v) => {
    expect(generateApiSign(v.secret, v.data)).toBe(v.sign);
    expect(generateApiSign(v.secret, new TextEncoder().encode(v.data))).toBe(v.sign);
    // the vector is the request's own body: same data and sign after form decoding
    const form = new URLSearchParams(v.body);
    expect(form.get('data')).toBe(v.data);
    expect(form.get('sign')).toBe(v.sign);
  });

  it('signs the UTF-8 bytes of a string (what the Go server hashes)', () => {
    // printf '%s' '[{"method":"publish","params":{"channel":"news","data":"ü"}}]' | openssl dgst -sha256 -hmac 'sécret'
    const data = '[{"method":"publish","params":{"channel":"news","data":"ü"}}]';
    expect(generateApiSign('sécret', data)).toBe('b3fc0e748eab3aeffa7d6eac45f5804378ac2c7ba078bd6de8a15756a4650dd9');
    expect(generateApiSign('sécret', Buffer.from(data, 'utf8'))).toBe(
      'b3fc0e748eab3aeffa7d6eac45f5804378ac2c7ba078bd6de8a15756a4650dd9',
    );
  });

  it('is lowercase hex of 64 characters', () => {
    expect(generateApiSign('k', '[]')).toMatch(/^[0-9a-f]{64}$/);
  });
});

// Vectors computed independently with OpenSSL:
//   printf '%s' user42 1445536974 '{"a":1}' | openssl dgst -sha256 -hmac secret
describe('generateClientToken', () => {
  it('is HMAC-SHA256 over user + timestamp + info', () => {
    expect(generateClientToken('secret', 'user42', '1445536974', '{"a":1}')).toBe(
      '80623bc8fa70368ced16ec91292e671c81ebd95c621501802159b6f97ed2baea',
    );
  });

  it('defaults info to an empty string and accepts numbers', () => {
    // printf '%s' user42 1445536974 | openssl dgst -sha256 -hmac secret
    const expected = '6264147ce75f35b3852566a80c91ca9be95a2df46796c2df244e2de6819845e2';
    expect(generateClientToken('secret', 'user42', '1445536974')).toBe(expected);
    expect(generateClientToken('secret', 'user42', 1445536974)).toBe(expected);
  });
});

describe('generateChannelSign', () => {
  it('is HMAC-SHA256 over client + channel + info', () => {
    // printf '%s' client-uuid '$private' '{"x":"y"}' | openssl dgst -sha256 -hmac secret
    expect(generateChannelSign('secret', 'client-uuid', '$private', '{"x":"y"}')).toBe(
      '0e31eac550913f02d67ca6d6747cb115f2c5c814b8623f960b2eba765a87f3b5',
    );
  });

  it('defaults info to an empty string', () => {
    // printf '%s' client-uuid '$private' | openssl dgst -sha256 -hmac secret
    expect(generateChannelSign('secret', 'client-uuid', '$private')).toBe(
      'e78c279b9dcdd553a1aab7c9b1f0b20cbb59fcae8568afb945f18390d7edd9c5',
    );
  });
});
