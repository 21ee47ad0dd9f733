import { describe, expect, it } from 'vitest';
import { parseQueryInto } from '../src/http/form.js';
import { parseMediaType } from '../src/go/media-type.js';
import { parseMultipart } from '../src/go/multipart.js';
import { cleanPath } from '../src/http/go-url.js';
import { routeOf } from '../src/http/route.js';

const W = ['data', 'sign'] as const;
const form = (s: string) => {
  const m = new Map<string, Buffer>();
  parseQueryInto(m, Buffer.from(s, 'latin1'), W);
  return Object.fromEntries([...m].map(([k, v]) => [k, v.toString('utf8')]));
};

describe('url.ParseQuery semantics', () => {
  it('first value wins, + is a space, %XX a byte', () => {
    expect(form('data=a+b%21&data=second&sign=x')).toEqual({ data: 'a b!', sign: 'x' });
  });
  it('skips pairs with ; or a bad escape, keeps the rest', () => {
    expect(form('data=1;x&sign=%zz&data=2&sign=ok')).toEqual({ data: '2', sign: 'ok' });
  });
  it('keeps raw bytes (the sign covers them)', () => {
    const m = new Map<string, Buffer>();
    parseQueryInto(m, Buffer.from('data=%FF%00', 'latin1'), W);
    expect([...(m.get('data') ?? [])]).toEqual([0xff, 0]);
  });
});

describe('mime.ParseMediaType', () => {
  it('lower-cases the type and reads parameters', () => {
    expect(parseMediaType('Multipart/Form-Data; boundary="a b"; X=1')).toMatchObject({
      type: 'multipart/form-data',
      invalidParams: false,
    });
    expect(parseMediaType('multipart/form-data; boundary="a b"')?.params.get('boundary')).toBe('a b');
  });
  it('keeps the type on a bad parameter, fails on a bad type or duplicate parameter', () => {
    expect(parseMediaType('application/x-www-form-urlencoded; charset')).toMatchObject({
      type: 'application/x-www-form-urlencoded',
      invalidParams: true,
    });
    expect(parseMediaType('text/')).toBeUndefined();
    expect(parseMediaType('a/b; x=1; x=2')).toBeUndefined();
    expect(parseMediaType('form-data; name="data"')?.params.get('name')).toBe('data');
  });
});

describe('multipart', () => {
  const body = (nl: string) =>
    Buffer.from(
      [
        `preamble`,
        `--B`,
        `Content-Disposition: form-data; name="data"`,
        ``,
        `{"a":1}`,
        `--B`,
        `Content-Disposition: form-data; name="f"; filename="x"`,
        ``,
        `file`,
        `--B  `,
        `content-disposition: form-data; name="sign"`,
        ``,
        `s${nl}ig`,
        `--B--`,
        ``,
      ].join(nl),
    );
  it('reads named non-file parts (CRLF and LF)', () => {
    expect(
      Object.fromEntries([...(parseMultipart(body('\r\n'), 'B', W) ?? [])].map(([k, v]) => [k, v.toString()])),
    ).toEqual({ data: '{"a":1}', sign: 's\r\nig' });
    expect(parseMultipart(body('\n'), 'B', W)?.get('data')?.toString()).toBe('{"a":1}');
  });
  it('a truncated body gives no values', () => {
    expect(
      parseMultipart(Buffer.from('--B\r\nContent-Disposition: form-data; name="data"\r\n\r\nx'), 'B', W),
    ).toBeUndefined();
  });
});

describe('routing (Go ServeMux)', () => {
  it('serves the /api/ subtree, redirects /api, 404s the rest', () => {
    expect(routeOf('GET', '/api/', '', true)).toEqual({ kind: 'api', query: '' });
    expect(routeOf('GET', '/api/x/y?data=1', '', true)).toEqual({ kind: 'api', query: 'data=1' });
    expect(routeOf('GET', '/api?q=1', '', true)).toEqual({ kind: 'redirect', location: '/api/?q=1' });
    expect(routeOf('GET', '/', '', true)).toEqual({ kind: 'not-found' });
    expect(routeOf('GET', '/%61pi/', '', true)).toEqual({ kind: 'api', query: '' });
    expect(routeOf('GET', '/%zz', '', true)).toEqual({ kind: 'bad-request' });
  });
  it('honours http_prefix and cleans paths', () => {
    expect(routeOf('GET', '/c/api/', '/c', true).kind).toBe('api');
    expect(routeOf('GET', '/api/', '/c', true).kind).toBe('not-found');
    expect(routeOf('GET', '//api/', '', true)).toEqual({ kind: 'redirect', location: '/api/' });
    expect(cleanPath('/a/./b/../c/')).toBe('/a/c/');
  });
  it('routes /_mock/ to the control API unless disabled', () => {
    expect(routeOf('GET', '/_mock/clients', '', true).kind).toBe('control');
    expect(routeOf('GET', '/_mock/clients', '', false).kind).toBe('not-found');
  });
});
