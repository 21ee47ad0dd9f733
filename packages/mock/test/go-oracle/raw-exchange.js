// One HTTP/1.1 exchange over a raw socket, for recording Go's answers and replaying them to the
// mock: exact request bytes out, the response's exact bytes back (status line, headers, body as
// framed), and whether the server closed the connection after it.
import { connect } from 'node:net';

/**
 * Sends `request` (a Buffer) on a new connection and reads one response. `closeWaitMs`: how long
 * to wait after the response for the server to close the connection (0: do not wait).
 * Resolves `{ raw, head, body, closed }`: `raw` the response's bytes, `body` its decoded body.
 */
export function exchange(port, request, { head = false, closeWaitMs = 0, timeoutMs = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let response;
    let closed = false;
    const timer = setTimeout(
      () => finish(new Error(`no complete response within ${timeoutMs} ms (got ${received.length} bytes)`)),
      timeoutMs,
    );
    const finish = (err) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve({ ...response, closed });
    };
    const check = (ended) => {
      if (response !== undefined) return;
      const parsed = parseResponse(received, head, ended);
      if (parsed === undefined) {
        if (ended)
          finish(
            new Error(
              `connection closed before a complete response: ${JSON.stringify(received.toString('latin1').slice(0, 200))}`,
            ),
          );
        return;
      }
      response = parsed;
      if (ended || closeWaitMs === 0) return finish();
      setTimeout(() => finish(), closeWaitMs);
    };
    socket.on('data', (d) => {
      received = Buffer.concat([received, d]);
      check(false);
    });
    socket.on('end', () => {
      closed = true;
      if (response !== undefined) return finish();
      check(true);
    });
    socket.on('error', (err) => {
      // A reset after a complete response (the server closed with unread request bytes) is a close.
      if (response !== undefined || received.length > 0) {
        closed = true;
        if (response === undefined) check(true);
        else finish();
        return;
      }
      finish(err);
    });
    socket.on('connect', () => {
      // Written in pieces, with errors swallowed: the server may answer and close mid-request.
      socket.write(request, () => undefined);
    });
  });
}

/** The first complete response in `buf`, or undefined if more bytes are needed. */
export function parseResponse(buf, head, ended) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const headText = buf.subarray(0, end).toString('latin1');
  const [statusLine = '', ...lines] = headText.split('\r\n');
  const headers = lines.map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).toLowerCase(), l.slice(i + 1).trim()];
  });
  const status = Number(statusLine.split(' ')[1]);
  const get = (name) => headers.find(([k]) => k === name)?.[1];
  const start = end + 4;
  let body;
  let stop;
  if (head || status === 204 || status === 304 || (status >= 100 && status < 200)) {
    body = Buffer.alloc(0);
    stop = start;
  } else if (get('transfer-encoding')?.toLowerCase() === 'chunked') {
    const chunks = [];
    let at = start;
    for (;;) {
      const lineEnd = buf.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(buf.subarray(at, lineEnd).toString('latin1'), 16);
      if (buf.length < lineEnd + 2 + size + 2) return undefined;
      if (size === 0) {
        stop = lineEnd + 4;
        break;
      }
      chunks.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(chunks);
  } else if (get('content-length') !== undefined) {
    const n = Number(get('content-length'));
    if (buf.length < start + n) return undefined;
    body = buf.subarray(start, start + n);
    stop = start + n;
  } else {
    // Delimited by the close of the connection.
    if (!ended) return undefined;
    body = buf.subarray(start);
    stop = buf.length;
  }
  return { raw: buf.subarray(0, stop), statusLine, headers, body };
}
