/**
 * The hand-made frames of frame-once.ts (justified by `npm run bench -- ws`) against the plain
 * reference, `ws` framing the same message itself: byte for byte the same on the wire, for every
 * length encoding (7, 16, 64 bits), multi-byte UTF-8, and bytes that are not UTF-8 (kept bytes).
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { decodeKeptBytes, encodeKeptBytes } from '../../../src/json/kept-bytes.js';
import { textFrame } from '../../../src/v6/ws/frame-once.js';

const MESSAGES: readonly string[] = [
  '',
  '{}',
  'x'.repeat(125),
  'x'.repeat(126),
  'é'.repeat(70),
  'x'.repeat(65_535),
  'y'.repeat(65_536),
  `{"push":{"channel":"news","pub":{"data":"${'z'.repeat(200_000)}"}}}`,
  decodeKeptBytes(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])).text,
];

describe('frames made once, against ws framing the same message', () => {
  let wss: WebSocketServer;
  let port: number;
  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, skipUTF8Validation: true });
    await new Promise((resolve) => wss.once('listening', resolve));
    port = (wss.address() as net.AddressInfo).port;
  });
  afterAll(async () => new Promise((resolve) => wss.close(resolve)));

  /** The bytes after the handshake that ws writes for one `send` of `message` (kept bytes as bytes). */
  async function wsBytes(message: string): Promise<Buffer> {
    wss.once('connection', (ws) => ws.send(encodeKeptBytes(message), { binary: false }, () => ws.terminate()));
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const socket = net.connect(port, '127.0.0.1', () =>
        socket.write(
          'GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
        ),
      );
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('close', () => {
        const all = Buffer.concat(chunks);
        resolve(all.subarray(all.indexOf('\r\n\r\n') + 4));
      });
    });
  }

  it.each(MESSAGES.map((m) => [m.length, m] as const))('a message of %i characters', async (_n, message) => {
    expect(textFrame(message).equals(await wsBytes(message))).toBe(true);
  });
});
