// The requests recorded against the Go oracle (main.go) and replayed to the mock by
// go-edges.test.ts, in order (history carries over from one to the next). Each builds its exact
// bytes; `closeWait` asks whether the server closes the connection after its answer.
import { createHmac } from 'node:crypto';

export const SECRET = 's3cr3t';

export const sign = (data) => createHmac('sha256', SECRET).update(data).digest('hex');

/** Raw request bytes: request line, headers in order (Host first unless given), body. */
export function raw(method, target, headers = [], body = '', { version = 'HTTP/1.1', host = true } = {}) {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
  const lines = [`${method} ${target} ${version}`];
  if (host && !headers.some(([k]) => k.toLowerCase() === 'host')) lines.push('Host: oracle');
  for (const [k, v] of headers) lines.push(`${k}: ${v}`);
  if (bytes.length > 0 && !headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k)))
    lines.push(`Content-Length: ${bytes.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes]);
}

/** A JSON-mode API request for `data` (a latin1 string: one char per byte), signed. */
export function jsonApi(data, { method = 'POST', target = '/api/' } = {}) {
  const bytes = Buffer.from(data, 'latin1');
  return raw(
    method,
    target,
    [
      ['Content-Type', 'application/json'],
      ['X-API-Sign', sign(bytes)],
    ],
    bytes,
  );
}

/** A form-mode API request with `data` and its sign in an urlencoded body. */
export function formApi(
  data,
  { method = 'POST', target = '/api/', contentType = 'application/x-www-form-urlencoded' } = {},
) {
  const bytes = Buffer.from(data, 'latin1');
  const body = `data=${encodeBytes(bytes)}&sign=${sign(bytes)}`;
  return raw(method, target, [['Content-Type', contentType]], body);
}

/** Percent-encodes every byte outside [A-Za-z0-9-_.~]. */
export function encodeBytes(bytes) {
  let out = '';
  for (const b of bytes)
    out += /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/** A GET with one header `X-Big` making the request line and headers exactly `size` bytes, CRLFs included. */
export function bigHead(size) {
  const fixed = raw('GET', '/api/', [['X-Big', '']]).length;
  return raw('GET', '/api/', [['X-Big', 'a'.repeat(size - fixed)]]);
}

/** A multipart/form-data API request (`body` already framed with boundary `B`). */
export function multipart(body, contentType = 'multipart/form-data; boundary=B', target = '/api/') {
  return raw('POST', target, [['Content-Type', contentType]], body);
}

/** `filler` unnamed-value parts, then `data` and its sign: filler + 2 parts in all. */
export function manyParts(filler, data) {
  const parts = [];
  for (let i = 0; i < filler; i += 1) parts.push(`--B\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`);
  parts.push(`--B\r\nContent-Disposition: form-data; name="data"\r\n\r\n${data}\r\n`);
  parts.push(
    `--B\r\nContent-Disposition: form-data; name="sign"\r\n\r\n${sign(Buffer.from(data, 'latin1'))}\r\n--B--\r\n`,
  );
  return parts.join('');
}

/**
 * A multipart body: `parts` are [disposition, content] pairs (disposition: the Content-Disposition
 * value, or a whole header block when it contains a line break), framed with `boundary`.
 */
export function framed(parts, { boundary = 'B', nl = '\r\n', preamble = '' } = {}) {
  let out = preamble;
  for (const [disposition, content] of parts) {
    const headers = disposition.includes('\n') ? disposition : `Content-Disposition: ${disposition}`;
    out += `--${boundary}${nl}${headers}${nl}${nl}${content}${nl}`;
  }
  return `${out}--${boundary}--${nl}`;
}

const DATA = '[]';
const SIGN = sign(Buffer.from(DATA, 'latin1'));
/** The data and sign parts, named as given. */
const apiParts = (dataName = 'form-data; name="data"', signName = 'form-data; name="sign"') => [
  [dataName, DATA],
  [signName, SIGN],
];

const history = (channel) => jsonApi(`{"method":"history","params":{"channel":"${channel}"}}`);

/** @type {{ name: string, issue: string, request: () => Buffer, head?: boolean, closeWait?: boolean }[]} */
export const cases = [
  {
    name: 'json publish',
    issue: 'base',
    request: () => jsonApi('{"method":"publish","params":{"channel":"public:base","data":{"a":"<&>"},"uid":"b1"}}'),
  },
  {
    name: 'form publish',
    issue: 'base',
    request: () => formApi('[{"method":"publish","params":{"channel":"public:base","data":[1, 2],"uid":"b2"}}]'),
  },
  { name: 'history', issue: 'base', request: () => history('public:base') },
  { name: 'GET / is 404', issue: 'base', request: () => raw('GET', '/') },
  { name: 'POST /api redirects', issue: 'base', request: () => raw('POST', '/api') },
  { name: 'GET /api redirects with a page', issue: 'base', request: () => raw('GET', '/api') },
  {
    name: 'no sign',
    issue: 'base',
    request: () => raw('POST', '/api/', [['Content-Type', 'application/json']], '{}'),
    closeWait: true,
  },
  {
    name: 'wrong sign',
    issue: 'base',
    request: () =>
      raw(
        'POST',
        '/api/',
        [
          ['Content-Type', 'application/json'],
          ['X-API-Sign', 'f'.repeat(64)],
        ],
        '{}',
      ),
    closeWait: true,
  },
  // 16 §8: routing as Go's ServeMux does it (the Go 1.21 one: unescaped paths, 301).
  { name: 'a path that cleans to /api redirects to /api/ (//api)', issue: '16§8', request: () => raw('GET', '//api') },
  {
    name: 'a path that cleans to /api redirects to /api/ (/api/.)',
    issue: '16§8',
    request: () => raw('POST', '/api/.'),
  },
  {
    name: 'a path that cleans to /api redirects to /api/ (/api/x/..)',
    issue: '16§8',
    request: () => raw('GET', '/api/x/..?a=1'),
  },
  { name: 'a path that cleans to /api redirects to /api/ (%61pi)', issue: '16§8', request: () => raw('GET', '/%61pi') },
  { name: 'HEAD of a redirect: content type, no page', issue: '16§8', request: () => raw('HEAD', '//api'), head: true },
  {
    name: 'Location escapes the path as Go does',
    issue: '16§8',
    request: () => raw('GET', "/x!y*z'(q)//w%20v$&+,;=@~"),
  },
  { name: 'Location of a non-ASCII path', issue: '16§8', request: () => raw('GET', '//caf%C3%A9/%FF') },
  { name: 'an escaped slash counts as a slash', issue: '16§8', request: () => raw('GET', '/a%2F..%2F%2Fapi') },
  {
    name: 'the redirect page escapes & and quotes as Go does',
    issue: '16§8',
    request: () => raw('GET', "/api?a=1&b='x'&c=%22y%22"),
  },
  {
    name: 'the query is kept as sent, a bad escape included',
    issue: '16§8',
    request: () => raw('GET', '//api/?x=%zz&y'),
  },
  {
    name: 'a bad escape in the path is a 400 written by the server',
    issue: '16§8',
    request: () => raw('GET', '/api/%zz'),
    closeWait: true,
  },
  {
    name: 'a truncated escape in the path',
    issue: '16§8',
    request: () => raw('POST', '/api/%4', [['Content-Type', 'application/json']], '{}'),
    closeWait: true,
  },
  { name: 'OPTIONS *', issue: '16§8', request: () => raw('OPTIONS', '*'), closeWait: true },
  { name: 'GET *', issue: '16§8', request: () => raw('GET', '*'), closeWait: true },
  { name: 'an absolute-form target', issue: '16§8', request: () => raw('GET', 'http://oracle//api?q') },
  // 16 §4: a multipart form is read only to Go's limit of 1000 parts.
  { name: 'a form of 1000 parts is read', issue: '16§4', request: () => multipart(manyParts(998, '[]')) },
  { name: 'a form of 1001 parts is refused whole', issue: '16§4', request: () => multipart(manyParts(999, '[]')) },
  // 16 §9: multipart forms as Go's mime/multipart and mime.ParseMediaType read them.
  {
    name: 'RFC 2231 boundary continuation (boundary*0, boundary*1)',
    issue: '16§9',
    request: () =>
      multipart(framed(apiParts(), { boundary: 'abcd' }), 'multipart/form-data; boundary*0="ab"; boundary*1=cd'),
  },
  {
    name: "RFC 2231 encoded names (name*=utf-8''data)",
    issue: '16§9',
    request: () => multipart(framed(apiParts(`form-data; name*=utf-8''d%61ta`, `form-data; name*=UTF-8'en'sign`))),
  },
  {
    name: 'RFC 2231 name continuations (name*0, name*1*)',
    issue: '16§9',
    request: () => multipart(framed(apiParts('form-data; name*0=da; name*1*=%74a', 'form-data; name="sign"'))),
  },
  {
    name: 'an RFC 2231 name in another charset is dropped',
    issue: '16§9',
    request: () => multipart(framed(apiParts(`form-data; name*=latin1''data`))),
  },
  {
    name: 'a 70-byte boundary',
    issue: '16§9',
    request: () =>
      multipart(framed(apiParts(), { boundary: 'b'.repeat(70) }), `multipart/form-data; boundary=${'b'.repeat(70)}`),
  },
  {
    name: 'a 200-byte boundary',
    issue: '16§9',
    request: () =>
      multipart(framed(apiParts(), { boundary: 'b'.repeat(200) }), `multipart/form-data; boundary=${'b'.repeat(200)}`),
  },
  {
    name: 'a 4090-byte boundary (the longest Go reads: its final line fits in 4096 bytes)',
    issue: '16§9',
    request: () =>
      multipart(
        framed(apiParts(), { boundary: 'b'.repeat(4090) }),
        `multipart/form-data; boundary=${'b'.repeat(4090)}`,
      ),
  },
  {
    name: 'a 4091-byte boundary',
    issue: '16§9',
    request: () =>
      multipart(
        framed(apiParts(), { boundary: 'b'.repeat(4091) }),
        `multipart/form-data; boundary=${'b'.repeat(4091)}`,
      ),
  },
  {
    name: 'a 4091-byte boundary in LF mode',
    issue: '16§9',
    request: () =>
      multipart(
        framed(apiParts(), { boundary: 'b'.repeat(4091), nl: '\n' }),
        `multipart/form-data; boundary=${'b'.repeat(4091)}`,
      ),
  },
  {
    name: 'a 4092-byte boundary in LF mode',
    issue: '16§9',
    request: () =>
      multipart(
        framed(apiParts(), { boundary: 'b'.repeat(4092), nl: '\n' }),
        `multipart/form-data; boundary=${'b'.repeat(4092)}`,
      ),
  },
  {
    name: 'a 4092-byte boundary, final line without a line break',
    issue: '16§9',
    request: () =>
      multipart(
        framed(apiParts(), { boundary: 'b'.repeat(4092) }).replace(/\r\n$/, ''),
        `multipart/form-data; boundary=${'b'.repeat(4092)}`,
      ),
  },
  {
    name: 'a backslash before a letter stays in the name',
    issue: '16§9',
    request: () => multipart(framed(apiParts('form-data; name="\\d\\a\\t\\a"'))),
  },
  {
    name: 'a backslash before a tspecial escapes it',
    issue: '16§9',
    request: () =>
      multipart(
        framed([
          ['form-data; name="data"', DATA],
          ['form-data; name="si\\gn"', 'x'],
          ['form-data; name="\\"sign\\""', 'y'],
          ['form-data; name="sign"', SIGN],
        ]),
      ),
  },
  {
    name: 'a Content-Type ending in the byte 0xA0 is not trimmed (urlencoded)',
    issue: '16§9',
    request: () => formApi(DATA, { contentType: 'application/x-www-form-urlencoded\xa0' }),
  },
  {
    name: 'a Content-Type ending in U+00A0 (C2 A0) is trimmed',
    issue: '16§9',
    request: () => formApi(DATA, { contentType: 'application/x-www-form-urlencoded\xc2\xa0' }),
  },
  {
    name: 'a boundary parameter ending in the byte 0xA0',
    issue: '16§9',
    request: () => multipart(framed(apiParts()), 'multipart/form-data; boundary=B\xa0'),
  },
  {
    name: 'an empty filename is a value',
    issue: '16§9',
    request: () => multipart(framed(apiParts('form-data; name="data"; filename=""'))),
  },
  {
    name: 'a filename makes a file',
    issue: '16§9',
    request: () => multipart(framed(apiParts('form-data; name="data"; filename="d.json"'))),
  },
  {
    name: 'equal duplicate parameters are allowed',
    issue: '16§9',
    request: () => multipart(framed(apiParts('form-data; name="data"; name=data'))),
  },
  {
    name: 'differing duplicate parameters are not',
    issue: '16§9',
    request: () => multipart(framed(apiParts('form-data; name="data"; name=other'))),
  },
  {
    name: 'a space before the colon hides the header',
    issue: '16§9',
    request: () =>
      multipart(
        framed(apiParts('Content-Disposition : form-data; name="data"'.replace(/^/, '\r\n').slice(2) + '\r\nX: y')),
      ),
  },
  {
    name: 'a folded Content-Disposition',
    issue: '16§9',
    request: () => multipart(framed(apiParts('Content-Disposition: form-data;\r\n name="data"'))),
  },
  {
    name: 'a control byte in a part header fails the form',
    issue: '16§9',
    request: () => multipart(framed(apiParts('Content-Disposition: form-data; name="data"\r\nX-A: a\x01b'))),
  },
  {
    name: 'junk after a delimiter fails the form',
    issue: '16§9',
    request: () =>
      multipart(
        framed(apiParts()).replace(
          '\r\n--B\r\nContent-Disposition: form-data; name="sign"',
          '\r\n--B x\r\nContent-Disposition: form-data; name="sign"',
        ),
      ),
  },
  {
    name: 'a boundary-like line inside content',
    issue: '16§9',
    request: () => multipart(framed([['form-data; name="x"', 'a\r\n--Bx\r\nb'], ...apiParts()])),
  },
  {
    name: 'a preamble line of 4096 bytes',
    issue: '16§9',
    request: () => multipart(framed(apiParts(), { preamble: `${'p'.repeat(4094)}\r\n` })),
  },
  {
    name: 'a preamble line of 4097 bytes fails the form',
    issue: '16§9',
    request: () => multipart(framed(apiParts(), { preamble: `${'p'.repeat(4095)}\r\n` })),
  },
  { name: 'a form in LF mode', issue: '16§9', request: () => multipart(framed(apiParts(), { nl: '\n' })) },
  {
    name: 'a part without a closing delimiter fails the form',
    issue: '16§9',
    request: () => multipart(framed(apiParts()).replace(/\r\n--B--\r\n$/, '')),
  },
  {
    name: 'the query comes before the multipart values',
    issue: '16§9',
    request: () =>
      multipart(
        framed([
          ['form-data; name="data"', '{"bad"'],
          ['form-data; name="sign"', 'x'],
        ]),
        undefined,
        `/api/?data=${DATA}&sign=${SIGN}`,
      ),
  },
  // 16 §7: invalid UTF-8. Raw JSON (data) keeps its bytes; Go strings (channel, uid, client) get
  // one U+FFFD per invalid byte.
  {
    name: 'invalid UTF-8 inside data is kept, byte for byte',
    issue: '16§7',
    request: () =>
      jsonApi(
        '{"method":"publish","params":{"channel":"public:utf","data":{"a":"x\xffy\xe2\x82z\xed\xa0\x80w\xc0\xaf\xf4\x90\x80\x80","b":["\xf0\x9f\x98\x80\x80",1]},"uid":"u1"}}',
      ),
  },
  { name: 'and so it comes back in history', issue: '16§7', request: () => history('public:utf') },
  {
    name: 'invalid UTF-8 in a form-mode data',
    issue: '16§7',
    request: () =>
      formApi('{"method":"publish","params":{"channel":"public:utf","data":"\xfe<\xe2\x80\xa8>","uid":"u2"}}'),
  },
  { name: 'history after the form-mode publish', issue: '16§7', request: () => history('public:utf') },
  {
    name: 'invalid UTF-8 in channel, client and command uid',
    issue: '16§7',
    request: () =>
      jsonApi(
        '[{"uid":"c\xe2\x82","method":"publish","params":{"channel":"public:\xe2\x82x","data":1,"client":"k\xff","uid":"u3"}}]',
      ),
  },
  {
    name: 'the channel with replacement characters, asked for with the same bytes',
    issue: '16§7',
    request: () => history('public:\xe2\x82x'),
  },
  {
    name: 'the channel asked for with the replacement characters themselves',
    issue: '16§7',
    request: () => history('public:\xef\xbf\xbd\xef\xbf\xbdx'),
  },
  {
    name: 'an invalid byte outside a string',
    issue: '16§7',
    request: () => jsonApi('{"method":"publish","params":{"channel":"public:utf","data":\xff}}'),
  },
  {
    name: 'an invalid byte in a key',
    issue: '16§7',
    request: () =>
      jsonApi('{"method":"publish","params":{"channel\xff":"x","channel":"public:utf","data":2,"uid":"u4"}}'),
  },
  // 16 §10: the HTTP layer as Go's server has it.
  { name: 'a header section of 1 MiB + 4096 bytes is read', issue: '16§10', request: () => bigHead((1 << 20) + 4096) },
  {
    name: 'one byte more is 431, written by the server',
    issue: '16§10',
    request: () => bigHead((1 << 20) + 4097),
    closeWait: true,
  },
  {
    name: 'HTTP/1.1 without Host',
    issue: '16§10',
    request: () => raw('GET', '/api/', [], '', { host: false }),
    closeWait: true,
  },
  {
    name: 'two Host headers',
    issue: '16§10',
    request: () =>
      raw('GET', '/api/', [
        ['Host', 'a'],
        ['Host', 'b'],
      ]),
    closeWait: true,
  },
  { name: 'a malformed Host', issue: '16§10', request: () => raw('GET', '/api/', [['Host', 'a b']]), closeWait: true },
  { name: 'an empty Host is fine', issue: '16§10', request: () => raw('GET', '/api/', [['Host', '']]) },
  {
    name: 'a Host with a port and brackets',
    issue: '16§10',
    request: () => raw('GET', '/api/', [['Host', '[::1]:8000']]),
  },
  {
    name: 'a method Go takes and llhttp does not (FOO), form in the query',
    issue: '16§10',
    request: () => raw('FOO', `/api/?data=${DATA}&sign=${SIGN}`),
  },
  {
    name: 'FOO in JSON mode',
    issue: '16§10',
    request: () =>
      jsonApi('[{"method":"publish","params":{"channel":"public:foo","data":1,"uid":"f1"}}]', { method: 'FOO' }),
  },
  {
    name: 'FOO with a chunked JSON body',
    issue: '16§10',
    request: () =>
      raw(
        'FOO',
        '/api/',
        [
          ['Content-Type', 'application/json'],
          ['X-API-Sign', SIGN],
          ['Transfer-Encoding', 'chunked'],
        ],
        `1\r\n[\r\n1;ext=1\r\n]\r\n0\r\n\r\n`,
      ),
  },
  {
    name: 'post (lower case): the urlencoded body is not a POST form',
    issue: '16§10',
    request: () => formApi(DATA, { method: 'post' }),
    closeWait: true,
  },
  {
    name: 'post with the form in the query',
    issue: '16§10',
    request: () => raw('post', `/api/?data=${DATA}&sign=${SIGN}`),
  },
  { name: 'FOO to a path that is cleaned', issue: '16§10', request: () => raw('FOO', '//api?x') },
  {
    name: 'raw bytes >= 0x80 in the target',
    issue: '16§10',
    request: () => raw('GET', `/api/caf\xc3\xa9?data=${DATA}&sign=${SIGN}`),
  },
  { name: 'a raw byte 0xFF in a path that is cleaned', issue: '16§10', request: () => raw('GET', '//\xff') },
  {
    name: 'a transfer coding other than chunked',
    issue: '16§10',
    request: () => raw('FOO', '/api/', [['Transfer-Encoding', 'gzip']], 'x'),
    closeWait: true,
  },
  {
    name: 'two different Content-Lengths',
    issue: '16§10',
    request: () =>
      raw(
        'FOO',
        '/api/',
        [
          ['Content-Length', '1'],
          ['Content-Length', '2'],
        ],
        'xx',
      ),
    closeWait: true,
  },
  {
    name: 'a PROPFIND (llhttp knows it)',
    issue: '16§10',
    request: () => raw('PROPFIND', `/api/?data=${DATA}&sign=${SIGN}`),
  },
];
