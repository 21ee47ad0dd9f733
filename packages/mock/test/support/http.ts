/** A raw HTTP client for tests: exact method, path, headers and body; a fresh connection each time. */
import { request } from 'node:http';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface RawRequest {
  readonly port: number;
  readonly method: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export function rawRequest(r: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body =
      r.body === undefined || r.body.length === 0
        ? undefined
        : Buffer.isBuffer(r.body)
          ? r.body
          : Buffer.from(r.body, 'utf8');
    const headers: Record<string, string | number> = { ...r.headers };
    if (body) headers['Content-Length'] = body.length;
    const req = request(
      { host: '127.0.0.1', port: r.port, method: r.method, path: r.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** JSON helper for the control API. */
export async function control(
  port: number,
  method: string,
  path: string,
  value?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await rawRequest({
    port,
    method,
    path,
    ...(value === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(value) }),
  });
  return { status: res.status, json: res.body === '' ? undefined : (JSON.parse(res.body) as unknown) };
}

/** POSTs `commands` as JSON to a 1.x mock's API, signed with its secret; resolves with the status. */
export async function postSigned(
  mock: { readonly port: number; sign(data: string): string },
  commands: unknown,
): Promise<number> {
  const data = JSON.stringify(commands);
  const res = await rawRequest({
    port: mock.port,
    method: 'POST',
    path: '/api/',
    headers: { 'Content-Type': 'application/json', 'X-API-Sign': mock.sign(data) },
    body: data,
  });
  return res.status;
}
