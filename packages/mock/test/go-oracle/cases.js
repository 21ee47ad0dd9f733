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
  if (bytes.length > 0 && !headers.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k))) lines.push(`Content-Length: ${bytes.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes]);
}

/** A JSON-mode API request for `data` (a latin1 string: one char per byte), signed. */
export function jsonApi(data, { method = 'POST', target = '/api/' } = {}) {
  const bytes = Buffer.from(data, 'latin1');
  return raw(method, target, [['Content-Type', 'application/json'], ['X-API-Sign', sign(bytes)]], bytes);
}

/** A form-mode API request with `data` and its sign in an urlencoded body. */
export function formApi(data, { method = 'POST', target = '/api/', contentType = 'application/x-www-form-urlencoded' } = {}) {
  const bytes = Buffer.from(data, 'latin1');
  const body = `data=${encodeBytes(bytes)}&sign=${sign(bytes)}`;
  return raw(method, target, [['Content-Type', contentType]], body);
}

/** Percent-encodes every byte outside [A-Za-z0-9-_.~]. */
export function encodeBytes(bytes) {
  let out = '';
  for (const b of bytes) out += /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
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
  parts.push(`--B\r\nContent-Disposition: form-data; name="sign"\r\n\r\n${sign(Buffer.from(data, 'latin1'))}\r\n--B--\r\n`);
  return parts.join('');
}

const history = (channel) => jsonApi(`{"method":"history","params":{"channel":"${channel}"}}`);

/** @type {{ name: string, issue: string, request: () => Buffer, head?: boolean, closeWait?: boolean }[]} */
export const cases = [
  { name: 'json publish', issue: 'base', request: () => jsonApi('{"method":"publish","params":{"channel":"public:base","data":{"a":"<&>"},"uid":"b1"}}') },
  { name: 'form publish', issue: 'base', request: () => formApi('[{"method":"publish","params":{"channel":"public:base","data":[1, 2],"uid":"b2"}}]') },
  { name: 'history', issue: 'base', request: () => history('public:base') },
  { name: 'GET / is 404', issue: 'base', request: () => raw('GET', '/') },
  { name: 'POST /api redirects', issue: 'base', request: () => raw('POST', '/api') },
  { name: 'GET /api redirects with a page', issue: 'base', request: () => raw('GET', '/api') },
  { name: 'no sign', issue: 'base', request: () => raw('POST', '/api/', [['Content-Type', 'application/json']], '{}'), closeWait: true },
  { name: 'wrong sign', issue: 'base', request: () => raw('POST', '/api/', [['Content-Type', 'application/json'], ['X-API-Sign', 'f'.repeat(64)]], '{}'), closeWait: true },
  // 16 §8: routing as Go's ServeMux does it (the Go 1.21 one: unescaped paths, 301).
  { name: 'a path that cleans to /api redirects to /api/ (//api)', issue: '16§8', request: () => raw('GET', '//api') },
  { name: 'a path that cleans to /api redirects to /api/ (/api/.)', issue: '16§8', request: () => raw('POST', '/api/.') },
  { name: 'a path that cleans to /api redirects to /api/ (/api/x/..)', issue: '16§8', request: () => raw('GET', '/api/x/..?a=1') },
  { name: 'a path that cleans to /api redirects to /api/ (%61pi)', issue: '16§8', request: () => raw('GET', '/%61pi') },
  { name: 'HEAD of a redirect: content type, no page', issue: '16§8', request: () => raw('HEAD', '//api'), head: true },
  { name: 'Location escapes the path as Go does', issue: '16§8', request: () => raw('GET', "/x!y*z'(q)//w%20v$&+,;=@~") },
  { name: 'Location of a non-ASCII path', issue: '16§8', request: () => raw('GET', '//caf%C3%A9/%FF') },
  { name: 'an escaped slash counts as a slash', issue: '16§8', request: () => raw('GET', '/a%2F..%2F%2Fapi') },
  { name: 'the redirect page escapes & and quotes as Go does', issue: '16§8', request: () => raw('GET', "/api?a=1&b='x'&c=%22y%22") },
  { name: 'the query is kept as sent, a bad escape included', issue: '16§8', request: () => raw('GET', '//api/?x=%zz&y') },
  { name: 'a bad escape in the path is a 400 written by the server', issue: '16§8', request: () => raw('GET', '/api/%zz'), closeWait: true },
  { name: 'a truncated escape in the path', issue: '16§8', request: () => raw('POST', '/api/%4', [['Content-Type', 'application/json']], '{}'), closeWait: true },
  { name: 'OPTIONS *', issue: '16§8', request: () => raw('OPTIONS', '*'), closeWait: true },
  { name: 'GET *', issue: '16§8', request: () => raw('GET', '*'), closeWait: true },
  { name: 'an absolute-form target', issue: '16§8', request: () => raw('GET', 'http://oracle//api?q') },
  // 16 §4: a multipart form is read only to Go's limit of 1000 parts.
  { name: 'a form of 1000 parts is read', issue: '16§4', request: () => multipart(manyParts(998, '[]')) },
  { name: 'a form of 1001 parts is refused whole', issue: '16§4', request: () => multipart(manyParts(999, '[]')) },
];
