/**
 * The websocket handshake as the server answers it (Centrifugo's CORS middleware, then the
 * centrifuge upgrader, internal/websocket/server.go), checked in its order: `Connection:
 * upgrade` and `Upgrade: websocket` tokens (400), GET (405), `Sec-WebSocket-Version: 13` (400), a
 * key of 16 base64 bytes (400), the Origin against `client.allowed_origins` (403). A refusal is
 * Go's `http.Error` (`Bad Request\n`…) with `Sec-Websocket-Version: 13`, and the CORS headers when
 * the origin passed. The JSON protocol is chosen unless the client asks for protobuf (the
 * `centrifuge-protobuf` subprotocol, `?format=protobuf`, `?cf_protocol=protobuf`): the mock does
 * not speak protobuf and refuses those handshakes with a 400 saying so.
 */
import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import { originAllowed, type WsConfig } from './config.js';

export interface Refusal {
  readonly status: number;
  /** In the server's order (Go writes header names sorted); Date and length are the server layer's. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

export interface Accepted {
  /** `?cf_ws_frame_ping_pong=true`: websocket ping frames instead of `{}` pings. */
  readonly framePingPong: boolean;
}

const SUBPROTOCOLS = ['centrifuge-json', 'centrifuge-protobuf'];
export const PROTOBUF_REFUSED =
  'the centkit mock speaks only the JSON client protocol (centrifuge-json), not protobuf\n';

const tokens = (h: string | string[] | undefined) =>
  (Array.isArray(h) ? h.join(',') : (h ?? '')).split(',').map((t) => t.trim().toLowerCase());
const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h);

export function checkHandshake(
  config: WsConfig,
  method: string,
  query: string,
  headers: IncomingHttpHeaders,
): Refusal | Accepted {
  const origin = first(headers.origin);
  const originOk = originAllowed(config, origin);
  const refuse = (status: number, body = `${STATUS_CODES[status] as string}\n`): Refusal => ({
    status,
    headers: [
      ...(originOk
        ? ([
            ['Access-Control-Allow-Credentials', 'true'],
            ['Access-Control-Allow-Origin', origin ?? ''],
          ] as const)
        : []),
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['Sec-Websocket-Version', '13'],
      ['X-Content-Type-Options', 'nosniff'],
    ],
    body,
  });
  if (!tokens(headers.connection).includes('upgrade') || !tokens(headers.upgrade).includes('websocket'))
    return refuse(400);
  if (method !== 'GET') return refuse(405);
  if (!tokens(headers['sec-websocket-version']).includes('13')) return refuse(400);
  const key = first(headers['sec-websocket-key']) ?? '';
  if (!/^[A-Za-z0-9+/]{22}==$/.test(key)) return refuse(400);
  if (!originOk) return refuse(403);
  const params = new URLSearchParams(query);
  const protocol =
    selectProtocol((first(headers['sec-websocket-protocol']) ?? '').split(',').map((p) => p.trim())) ?? '';
  if (
    protocol === 'centrifuge-protobuf' ||
    params.get('format') === 'protobuf' ||
    params.get('cf_protocol') === 'protobuf'
  )
    return refuse(400, PROTOBUF_REFUSED);
  return { framePingPong: params.get('cf_ws_frame_ping_pong') === 'true' };
}

/** The subprotocol answered: the first one the client offers that the server speaks (gorilla's rule). */
export function selectProtocol(offered: Iterable<string>): string | undefined {
  for (const p of offered) if (SUBPROTOCOLS.includes(p)) return p;
  return undefined;
}

/** A refusal as raw HTTP/1.1 bytes, for a socket taken over by an upgrade request (closed after it). */
export function refusalBytes(r: Refusal, date: string): string {
  const lines = [
    `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] as string}`,
    ...r.headers.map(([k, v]) => `${k}: ${v}`),
    `Date: ${date}`,
    `Content-Length: ${Buffer.byteLength(r.body)}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${r.body}`;
}
