/**
 * The websocket endpoint's answers to requests that are not a good upgrade (plain GET, POST, a
 * wrong version or key, an Origin that is or is not allowed, a path with a trailing slash), as raw
 * HTTP, on the mock and on the real v6.9.1: status line, headers (Date aside) and body.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeWithCentrifugo,
  recordingConfig,
  startCentrifugo,
  type RealCentrifugo,
} from '../../../../../test/support/centrifugo-v6.js';
import { startWsTestServer, type WsTestServer } from './support/ws-server.js';

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const upgrade = (extra: string, method = 'GET', key = KEY, version = '13') =>
  `${method} /connection/websocket HTTP/1.1\r\nHost: x\r\n${extra}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: ${version}\r\nSec-WebSocket-Key: ${key}\r\n\r\n`;

const CASES: readonly (readonly [string, string])[] = [
  ['plain GET', 'GET /connection/websocket HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
  [
    'plain GET, allowed Origin',
    'GET /connection/websocket HTTP/1.1\r\nHost: x\r\nOrigin: http://localhost:1\r\nConnection: close\r\n\r\n',
  ],
  [
    'plain GET, other Origin',
    'GET /connection/websocket HTTP/1.1\r\nHost: x\r\nOrigin: http://evil.example\r\nConnection: close\r\n\r\n',
  ],
  ['POST', 'POST /connection/websocket HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'],
  ['POST upgrade', upgrade('', 'POST')],
  ['version 12', upgrade('', 'GET', KEY, '12')],
  ['short key', upgrade('', 'GET', 'abc')],
  ['Origin not allowed', upgrade('Origin: http://evil.example\r\n')],
  ['Origin allowed, upper case', upgrade('Origin: http://LOCALHOST:3000\r\n')],
  ['subprotocols offered', upgrade('Sec-WebSocket-Protocol: foo, centrifuge-json\r\n')],
  ['trailing slash', 'GET /connection/websocket/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'],
];

/** The response head and body, `Date` removed; for a 101 only the head (the socket stays a websocket). */
function exchange(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    const done = () => {
      socket.destroy();
      resolve(text.replace(/Date: [^\r]*\r\n/, ''));
    };
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      const length = /Content-Length: (\d+)/i.exec(text)?.[1];
      if (
        head >= 0 &&
        (text.startsWith('HTTP/1.1 101') || (length !== undefined && text.length >= head + 4 + Number(length)))
      )
        done();
    });
    socket.on('end', done);
    socket.on('error', done);
    setTimeout(done, 2000).unref();
  });
}

const WANT: Readonly<Record<string, string>> = {
  'plain GET':
    'HTTP/1.1 400 Bad Request\r\nAccess-Control-Allow-Credentials: true\r\nAccess-Control-Allow-Origin: \r\nContent-Type: text/plain; charset=utf-8\r\nSec-Websocket-Version: 13\r\nX-Content-Type-Options: nosniff\r\n',
  'POST upgrade':
    'HTTP/1.1 405 Method Not Allowed\r\nAccess-Control-Allow-Credentials: true\r\nAccess-Control-Allow-Origin: \r\nContent-Type: text/plain; charset=utf-8\r\nSec-Websocket-Version: 13\r\nX-Content-Type-Options: nosniff\r\nContent-Length: 19\r\n\r\nMethod Not Allowed\n',
  'Origin not allowed':
    'HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nSec-Websocket-Version: 13\r\nX-Content-Type-Options: nosniff\r\nContent-Length: 10\r\n\r\nForbidden\n',
  'subprotocols offered':
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: centrifuge-json\r\n\r\n',
};

/** Status line, the sorted header names and values, the body: header order and `Connection` handling are the HTTP layers' own. */
function normal(text: string): string {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const [status, ...headers] = head.split('\r\n');
  return [
    status,
    ...headers
      .filter(
        (h) =>
          !/^(connection|keep-alive|content-length|transfer-encoding):/i.test(h) || text.startsWith('HTTP/1.1 101'),
      )
      .sort(),
    '',
    body,
  ].join('\n');
}

describe('websocket handshake answers: the mock', () => {
  let mock: WsTestServer;
  beforeAll(async () => {
    mock = await startWsTestServer(recordingConfig);
  });
  afterAll(async () => mock.stop());

  it.each(Object.keys(WANT))('%s', async (name) => {
    const got = await exchange(mock.port, CASES.find(([n]) => n === name)?.[1] as string);
    expect(got.startsWith(WANT[name] as string)).toBe(true);
  });
});

describeWithCentrifugo('websocket handshake answers: the mock against the real v6.9.1', () => {
  let mock: WsTestServer;
  let real: RealCentrifugo;
  beforeAll(async () => {
    [mock, real] = await Promise.all([startWsTestServer(recordingConfig), startCentrifugo(recordingConfig)]);
  });
  afterAll(async () => Promise.all([mock?.stop(), real?.stop()]));

  it.each(CASES.map(([n, r]) => [n, r] as const))('%s', async (_name, request) => {
    const [want, got] = await Promise.all([exchange(real.port, request), exchange(mock.port, request)]);
    expect(normal(got)).toEqual(normal(want));
  });
});
