/**
 * One HTTP request with node:http, sent as given: any method, a path Go would clean, repeated
 * headers in order, a body on any method. Keep-alive (a differential test sends thousands).
 */
import http from 'node:http';

export interface RawExchange {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

const agents = new Map<string, http.Agent>();

export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: readonly (readonly [string, string])[],
  body: string,
): Promise<RawExchange> {
  const url = new URL(baseUrl);
  let agent = agents.get(baseUrl);
  if (agent === undefined) agents.set(baseUrl, (agent = new http.Agent({ keepAlive: true, maxSockets: 1 })));
  const grouped: Record<string, string[]> = {};
  for (const [k, v] of headers) (grouped[k] ??= []).push(v);
  // Node sends a GET, DELETE or OPTIONS body with neither a length nor chunking: say the length.
  if (body !== '') grouped['Content-Length'] = [String(Buffer.byteLength(body))];
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method, path, headers: grouped, agent, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer to ${method} ${path}`)));
    req.on('error', reject);
    req.end(body === '' ? undefined : body);
  });
}

export function closeAgents(): void {
  for (const a of agents.values()) a.destroy();
  agents.clear();
}
