/**
 * One raw HTTP exchange with node:http: the request goes out with exactly the method, path,
 * headers and body given (fetch would add and normalise headers, and cannot send a GET body), and
 * the answer comes back with its status, its headers as the server spelled and ordered them, and
 * its raw body.
 */
import http from 'node:http';
import { TextDecoder } from 'node:util';
import type { GoldenRequest } from './transcript.js';

export interface RawResponse {
  readonly status: number;
  /** Every header but Date and Connection, in order. */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

const TIMEOUT_MS = 10_000;

export async function sendHttp(baseUrl: string, request: GoldenRequest, body: string): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        agent: false,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: headersOf(res.rawHeaders), body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`no answer to ${request.method} ${request.path} within ${TIMEOUT_MS} ms`)),
    );
    req.on('error', reject);
    req.end(body === '' && request.method !== 'POST' ? undefined : body);
  });
}

function headersOf(raw: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    // Date varies; Connection only echoes the recorder's own `Connection: close` (one connection per exchange)
    if (name.toLowerCase() === 'date' || name.toLowerCase() === 'connection') continue;
    out[name] = out[name] === undefined ? (raw[i + 1] as string) : `${out[name]}, ${raw[i + 1] as string}`;
  }
  return out;
}

/** The body as text when it is valid UTF-8 (every body the server sends here is), else undefined. */
export function utf8(body: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return undefined;
  }
}
