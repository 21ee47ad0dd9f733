import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny HTTP proxy on 127.0.0.1 in front of a server: every request is forwarded as is, and
 * each JSON array reply goes through `alter` (one item at a time) before it is sent back. Tests
 * use it to make a faithful server answer a wrong shape.
 */
export async function startAlteringProxy(
  target: string,
  alter: (item: Record<string, unknown>) => void,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void forward(new URL(req.url ?? '/', target), req, Buffer.concat(chunks))
        .then(({ status, type, body }) => {
          res.writeHead(status, type === null ? {} : { 'content-type': type });
          res.end(alterBody(body, alter));
        })
        .catch((error: unknown) => {
          res.writeHead(502);
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function forward(
  url: URL,
  req: http.IncomingMessage,
  body: Buffer,
): Promise<{ status: number; type: string | null; body: string }> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string' && name !== 'host' && name !== 'content-length' && name !== 'connection')
      headers[name] = value;
  }
  const response = await fetch(url, { method: req.method ?? 'POST', headers, ...(body.length > 0 ? { body } : {}) });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

function alterBody(body: string, alter: (item: Record<string, unknown>) => void): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (!Array.isArray(parsed)) return body;
  for (const item of parsed) if (item !== null && typeof item === 'object') alter(item as Record<string, unknown>);
  return JSON.stringify(parsed);
}
