/**
 * A client that pipelines requests on one connection and never reads the answers must be held
 * back by TCP, as Node's own server holds it back, not read into the mock's memory: the Go
 * reader (src/http/js-http1.ts) stops reading while an answer waits to be written or the written
 * ones wait for the client. Seen from the client: its writes stall and stay stalled. Both
 * protocols (the v6 mock reads a connection that starts with a POST the same way); the mock
 * answers a fresh connection afterwards.
 */
import { createHmac } from 'node:crypto';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startMockCentrifugo } from '../src/index.js';
import { startMockCentrifugoV6 } from '../src/v6/index.js';
import { rawRequest } from './support/http.js';

const SECRET = 'flood-secret';
const KEY = 'flood-key';
/** The most the client tries to write, and for how long: the loop ends by itself either way. */
const MAX_BYTES = 256 << 20;
const PUMP_MS = 3000;

/** Writes `request` again and again (respecting backpressure, never reading); bytes written at 1.5 s and at the end. */
function flood(port: number, request: Buffer): Promise<{ early: number; late: number }> {
  const block = Buffer.concat(Array.from({ length: 100 }, () => request));
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.pause(); // never read the answers
    let written = 0;
    let stopped = false;
    let early = 0;
    const pump = () => {
      while (!stopped && written < MAX_BYTES) {
        written += block.length;
        if (!socket.write(block)) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', pump);
    socket.on('error', reject);
    setTimeout(() => (early = written), PUMP_MS / 2);
    setTimeout(() => {
      stopped = true;
      socket.destroy();
      resolve({ early, late: written });
    }, PUMP_MS);
  });
}

describe('a client pipelining requests without reading the answers', () => {
  it('is held back by TCP on the 1.x mock, which keeps answering others', async () => {
    const mock = await startMockCentrifugo({ secret: SECRET });
    try {
      const data = JSON.stringify({ method: 'publish', params: { channel: 'flood', data: { text: 'x'.repeat(200) } } });
      const sign = createHmac('sha256', SECRET).update(data).digest('hex');
      const request = Buffer.from(
        `POST /api/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-API-Sign: ${sign}\r\nContent-Length: ${data.length}\r\n\r\n${data}`,
      );
      const { early, late } = await flood(mock.port, request);
      console.log(
        `1.x flood: ${(early / 1048576).toFixed(1)} MiB written by 1.5 s, ${(late / 1048576).toFixed(1)} MiB by 3 s`,
      );
      expect(early).toBeGreaterThan(0);
      expect(late, 'the client could go on writing: the mock kept reading').toBe(early);
      const res = await rawRequest({ port: mock.port, method: 'GET', path: '/nowhere' });
      expect(res.status).toBe(404);
    } finally {
      await mock.close();
    }
  });

  it('is held back by TCP on the v6 mock, which keeps answering others', async () => {
    const mock = await startMockCentrifugoV6({ config: { http_api: { key: KEY } } });
    try {
      const body = JSON.stringify({ channel: 'flood', data: { text: 'x'.repeat(200) } });
      const request = Buffer.from(
        `POST /api/publish HTTP/1.1\r\nHost: x\r\nX-API-Key: ${KEY}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
      const { early, late } = await flood(mock.port, request);
      console.log(
        `v6 flood: ${(early / 1048576).toFixed(1)} MiB written by 1.5 s, ${(late / 1048576).toFixed(1)} MiB by 3 s`,
      );
      expect(early).toBeGreaterThan(0);
      expect(late, 'the client could go on writing: the mock kept reading').toBe(early);
      const res = await fetch(`${mock.url}/api/info`, { method: 'POST', headers: { 'X-API-Key': KEY }, body: '{}' });
      expect(res.status).toBe(200);
    } finally {
      await mock.close();
    }
  });
});
