/**
 * `--raw`: the same signed request the client sends (form body `sign=...&data=...`, compact
 * JSON data), with the reply body kept byte for byte. Failures are reported with the client's
 * own error classes, so both paths share one mapping to exit codes.
 */
import http from 'node:http';
import https from 'node:https';
import { CentHttpError, CentTimeoutError, CentTransportError, generateApiSign, type Command, type RequestContext } from '@centkit/client';

export async function postRaw(url: URL, displayUrl: string, secret: string, commands: readonly Command[], timeoutMs: number): Promise<Buffer> {
  const data = JSON.stringify(commands.map(({ method, params }) => ({ method, params })));
  const body = Buffer.from(new URLSearchParams([['sign', generateApiSign(secret, data)], ['data', data]]).toString());
  const ctx: RequestContext = { url: displayUrl, methods: commands.map((c) => c.method) };
  return new Promise((resolve, reject) => {
    let connected = false;
    const request = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) },
    });
    const timer = setTimeout(() => {
      reject(new CentTimeoutError(ctx, { timeout: timeoutMs, scope: 'call', mayHaveReachedServer: connected }));
      request.destroy();
    }, timeoutMs);
    request.on('socket', (socket) => socket.once('connect', () => (connected = true)));
    const fail = (cause: Error & { code?: string }): void => {
      clearTimeout(timer);
      reject(new CentTransportError(ctx, { causeCode: cause.code ?? 'EUNKNOWN', mayHaveReachedServer: connected, cause }));
    };
    request.on('error', fail);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        clearTimeout(timer);
        const reply = Buffer.concat(chunks);
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) resolve(reply);
        else reject(new CentHttpError(ctx, { status, body: reply.toString('utf8') }));
      });
    });
    request.end(body);
  });
}
