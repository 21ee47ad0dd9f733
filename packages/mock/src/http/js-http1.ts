/**
 * HTTP/1.x read as Go's `readRequest` reads it (request line, textproto headers, Content-Length
 * or chunked): for the connections Node's parser refuses but Go's server takes (any token as the
 * method — `FOO`, `post`: llhttp knows a fixed list, in capitals —, bytes >= 0x80 in the target),
 * and for every connection of a server with a fast lane (`connection-sniff.ts` decides). Requests
 * are answered through Node's own IncomingMessage and ServerResponse, so handlers cannot tell the
 * two paths apart, unless the server's fast lane (`fast-lane.ts`) takes one whose whole body is
 * here. One request at a time; the next is read once the answer is written and the body is drained.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { readMimeHeader } from '../go/mime-header.js';
import { ChunkedDecoder } from './chunked-decoder.js';
import type { FastLane } from './fast-lane.js';
import {
  checkRequestHead,
  GO_BAD_REQUEST,
  GO_HEADERS_TOO_LARGE,
  GO_MAX_HEADER_BYTES,
  GO_UNSUPPORTED_TRANSFER_ENCODING,
  goStatusError,
} from './go-server-answers.js';
import { lingerClose } from './unread-body.js';

export interface JsHttpOptions {
  readonly onRequest: (req: IncomingMessage, res: ServerResponse) => void;
  readonly headersMs: number;
  readonly requestMs: number;
  readonly keepAliveMs: number;
  /** Takes requests whose whole body has arrived, or leaves them to `onRequest`. */
  readonly fastLane?: FastLane | undefined;
  /**
   * Where an upgrade request (`Connection: upgrade` and an `Upgrade` header) goes, as Node's server
   * hands it to its 'upgrade' listeners, with the socket and the bytes read after its head; the
   * connection is no longer read here. Undefined: upgrade requests are ordinary requests.
   */
  readonly onUpgrade?: ((req: IncomingMessage, socket: Socket, rest: Buffer) => void) | undefined;
}

/** Heads up to this many bytes are remembered for the next request (a client's usual head is a few hundred). */
const HEAD_MEMO_MAX = 4096;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A request's head as read; a parsed head is shared by the requests that repeat its bytes: never mutated. */
export interface RequestHead {
  readonly method: string;
  readonly target: string;
  readonly version: string;
  readonly rawHeaders: string[];
  readonly headers: Record<string, string>;
  readonly keepAlive: boolean;
  /** Content-Length, or 'chunked'. */
  readonly length: number | 'chunked';
}

/** Serves `socket` from here on; `first` holds the bytes already read from it. Returns whether it is idle (between requests). */
export function serveJsHttp(socket: Socket, first: Buffer, options: JsHttpOptions): () => boolean {
  let buffered: Buffer = first;
  let lastMethod = '';
  let timer: NodeJS.Timeout | undefined;
  /** Takes the bytes as they come: the head reader, then the body, then nothing until the answer. */
  let take: (() => void) | undefined;
  // A client sends the same head bytes again and again on a connection: parsing them (Go's
  // header rules, in JS) was a third of a fast-lane request's CPU (bench/mock.bench.js, c=32).
  let lastHeadBytes: Buffer | undefined;
  let lastHead: RequestHead | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => socket.destroy(), ms);
    timer.unref();
  };
  const refuse = (raw: string) => {
    take = undefined;
    clearTimeout(timer);
    socket.write(raw, 'latin1');
    lingerClose(socket);
  };

  const readHead = () => {
    if (lastMethod === 'POST') buffered = buffered.subarray(leadingLineBreaks(buffered));
    if (buffered.length === 0) return;
    const end = headEnd(buffered);
    if (end < 0) {
      if (buffered.length > GO_MAX_HEADER_BYTES) refuse(GO_HEADERS_TOO_LARGE);
      return;
    }
    if (end > GO_MAX_HEADER_BYTES) return refuse(GO_HEADERS_TOO_LARGE);
    const headBytes = buffered.subarray(0, end);
    let head: RequestHead | string;
    if (lastHead !== undefined && lastHeadBytes?.equals(headBytes) === true) head = lastHead;
    else {
      head = parseHead(headBytes);
      if (typeof head !== 'string' && headBytes.length <= HEAD_MEMO_MAX) {
        lastHeadBytes = Buffer.from(headBytes);
        lastHead = head;
      }
    }
    buffered = buffered.subarray(end);
    if (typeof head === 'string') return refuse(head);
    lastMethod = head.method;
    if (tryFastLane(head)) return;
    arm(options.requestMs);
    startRequest(head);
  };

  /** Hands the request to the fast lane when its whole body is here and the lane takes it. */
  const tryFastLane = (head: RequestHead): boolean => {
    const lane = options.fastLane;
    if (lane === undefined || typeof head.length !== 'number' || buffered.length < head.length) return false;
    if (options.onUpgrade !== undefined && isUpgrade(head)) return false;
    const whole = buffered;
    const body = whole.subarray(0, head.length);
    buffered = whole.subarray(head.length);
    // Nothing is read until the answer is written (the lane calls `answered`, at once or at the
    // end of the turn): the socket pauses, so a client sending requests faster than they are
    // answered is held back by TCP instead of filling memory here.
    take = undefined;
    socket.pause();
    if (lane(head, body, socket, next)) return true;
    socket.resume();
    buffered = whole;
    return false;
  };

  const startRequest = (head: RequestHead) => {
    const req = new IncomingMessage(socket);
    req.method = head.method;
    req.url = head.target;
    req.httpVersion = head.version;
    req.httpVersionMajor = Number(head.version[0]);
    req.httpVersionMinor = Number(head.version[2]);
    // Copies: the head may be shared with the requests that repeat it, and a handler may change its own.
    req.rawHeaders = [...head.rawHeaders];
    req.headers = { ...head.headers };
    if (options.onUpgrade !== undefined && isUpgrade(head)) {
      take = undefined;
      clearTimeout(timer);
      socket.off('data', onData);
      const rest = buffered;
      buffered = Buffer.alloc(0);
      return options.onUpgrade(req, socket, rest);
    }
    const res = new ServerResponse(req);
    res.shouldKeepAlive = head.keepAlive;
    res.assignSocket(socket);
    if (head.headers['expect']?.toLowerCase() === '100-continue' && head.version !== '1.0')
      socket.write('HTTP/1.1 100 Continue\r\n\r\n');
    let bodyDone = false;
    let answered = false;
    const finishBody = () => {
      bodyDone = true;
      req.complete = true;
      req.push(null);
      if (answered) next();
      else socket.pause(); // read on once answered (next), as for the fast lane
    };
    const decoder = head.length === 'chunked' ? new ChunkedDecoder() : undefined;
    let left = typeof head.length === 'number' ? head.length : 0;
    take = () => {
      if (bodyDone) return;
      if (decoder !== undefined) {
        const input = buffered;
        buffered = Buffer.alloc(0);
        for (const e of decoder.push(input)) {
          if (e.kind === 'data' && !req.push(e.bytes)) socket.pause();
          else if (e.kind === 'end') {
            buffered = e.rest;
            return finishBody();
          } else if (e.kind === 'error') {
            take = undefined;
            req.destroy(new Error(e.message));
            return void socket.destroy();
          }
        }
        return;
      }
      const n = Math.min(left, buffered.length);
      if (n > 0) {
        if (!req.push(buffered.subarray(0, n))) socket.pause();
        buffered = buffered.subarray(n);
        left -= n;
      }
      if (left === 0) finishBody();
    };
    res.on('finish', () => {
      answered = true;
      res.detachSocket(socket);
      const close = !head.keepAlive || String(res.getHeader('connection') ?? '').toLowerCase() === 'close';
      if (close) {
        take = undefined;
        clearTimeout(timer);
        return lingerClose(socket);
      }
      // The handler may have left the body: drain it before the next request.
      if (!bodyDone) req.resume();
      else next();
    });
    take();
    options.onRequest(req, res);
  };

  const next = () => {
    // Answers the client is not reading stay queued on the socket: read no more requests until
    // they have gone (as Node's server stops parsing), for up to the request timeout.
    if (socket.writableNeedDrain) {
      take = undefined;
      arm(options.requestMs);
      socket.pause();
      socket.once('drain', next);
      return;
    }
    take = readHead;
    arm(buffered.length > 0 ? options.headersMs : options.keepAliveMs);
    socket.resume();
    readHead();
  };

  const onData = (chunk: Buffer) => {
    buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
    if (take === readHead) arm(options.headersMs);
    take?.();
  };
  socket.on('data', onData);
  socket.on('close', () => clearTimeout(timer));
  socket.on('error', () => socket.destroy());
  next();
  return () => take === readHead && buffered.length === 0;
}

/** What makes Node's parser call a request an upgrade: a `connection: upgrade` token and an `Upgrade` header. */
function isUpgrade(head: RequestHead): boolean {
  const upgrade = head.headers['upgrade'];
  const connection = head.headers['connection'];
  return upgrade !== undefined && connection !== undefined && /(?:^|,)\s*upgrade\s*(?:,|$)/i.test(connection);
}

/** Go skips CR and LF bytes before a request line after a POST (old clients sent them). */
function leadingLineBreaks(buf: Buffer): number {
  let i = 0;
  while (i < buf.length && (buf[i] === 0x0d || buf[i] === 0x0a)) i += 1;
  return i;
}

/** The end of the request line and headers (after the empty line), or -1. */
function headEnd(buf: Buffer): number {
  let at = buf.indexOf(0x0a);
  while (at >= 0) {
    if (buf[at + 1] === 0x0a) return at + 2;
    if (buf[at + 1] === 0x0d && buf[at + 2] === 0x0a) return at + 3;
    at = buf.indexOf(0x0a, at + 1);
  }
  return -1;
}

/** Go's readRequest and the server's checks; a string is the raw answer to close with. */
function parseHead(buf: Buffer): RequestHead | string {
  const lf = buf.indexOf(0x0a);
  const line = buf.toString('latin1', 0, lf > 0 && buf[lf - 1] === 0x0d ? lf - 1 : lf);
  const sp1 = line.indexOf(' ');
  const sp2 = line.indexOf(' ', sp1 + 1);
  if (sp1 < 0 || sp2 < 0) return GO_BAD_REQUEST;
  const method = line.slice(0, sp1);
  const target = line.slice(sp1 + 1, sp2);
  const proto = line.slice(sp2 + 1);
  if (!TOKEN.test(method)) return GO_BAD_REQUEST;
  const version = /^HTTP\/(\d)\.(\d)$/.exec(proto);
  if (version === null) return GO_BAD_REQUEST;
  if (version[1] !== '1') return goStatusError(505, 'HTTP Version Not Supported', 'unsupported protocol version');
  if (/[\x00-\x1f\x7f]/.test(target) || target === '') return GO_BAD_REQUEST;
  const header = readMimeHeader(buf, lf + 1, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (!header.ok) return GO_BAD_REQUEST;
  const httpVersion = `${version[1]}.${version[2]}`;
  const te = header.header.get('Transfer-Encoding');
  // Go ignores Transfer-Encoding in HTTP/1.0, and Content-Length beside chunked: so do the headers the handler sees.
  const chunked = te !== undefined && httpVersion !== '1.0';
  const rawHeaders: string[] = [];
  const headers: Record<string, string> = {};
  for (const [key, values] of header.header) {
    if (key === (chunked ? 'Content-Length' : 'Transfer-Encoding')) continue;
    for (const v of values) rawHeaders.push(key, v);
    headers[key.toLowerCase()] = values.join(', ');
  }
  const refused = checkRequestHead(httpVersion, method, target, rawHeaders);
  if (refused !== undefined) return refused;
  const connection = (header.header.get('Connection') ?? [])
    .join(',')
    .toLowerCase()
    .split(',')
    .map((t) => t.trim());
  const keepAlive = httpVersion === '1.0' ? connection.includes('keep-alive') : !connection.includes('close');
  if (chunked) {
    if (te.length !== 1 || (te[0] as string).toLowerCase() !== 'chunked') return GO_UNSUPPORTED_TRANSFER_ENCODING;
    return { method, target, version: httpVersion, rawHeaders, headers, keepAlive, length: 'chunked' };
  }
  const lengths = (header.header.get('Content-Length') ?? []).map((v) => v.trim());
  if (lengths.some((v) => v !== lengths[0])) return GO_BAD_REQUEST;
  if (lengths.length > 0 && !/^\d{1,18}$/.test(lengths[0] as string)) return GO_BAD_REQUEST;
  return {
    method,
    target,
    version: httpVersion,
    rawHeaders,
    headers,
    keepAlive,
    length: lengths.length > 0 ? Number(lengths[0]) : 0,
  };
}
