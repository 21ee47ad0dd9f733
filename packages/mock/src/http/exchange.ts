/**
 * What the API handler uses of a request and of its response: Node's IncomingMessage and
 * ServerResponse have it, and so do the fast lane's own pair (`fast-lane.ts`), which answers the
 * usual 1.x API request without building Node's.
 */
import type { OutgoingHttpHeaders } from 'node:http';
import type { Socket } from 'node:net';

export interface ApiRequest {
  readonly method?: string | undefined;
  /** The request target, as sent. */
  readonly url?: string | undefined;
  readonly httpVersion: string;
  readonly rawHeaders: string[];
  /** The whole body has been received (read or not). */
  readonly complete: boolean;
  readonly socket: Socket;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
}

export interface ApiResponse {
  readonly headersSent: boolean;
  readonly destroyed: boolean;
  readonly writableEnded: boolean;
  readonly socket: Socket | null;
  setHeader(name: string, value: string | number): unknown;
  writeHead(status: number, headers?: OutgoingHttpHeaders): unknown;
  end(body?: string | Buffer): unknown;
  destroy(error?: Error): unknown;
}
