/**
 * Where `data` and `sign` come from (`handlers.go:268-297`). JSON mode (Content-Type starting
 * with `application/json`, any case): the whole body is data, the sign is the `X-API-Sign`
 * header. Otherwise Go's `FormValue`: an urlencoded body of POST/PUT/PATCH (capped at 10 MiB;
 * over it the body counts as empty), the URL query, then a multipart body; the first value
 * wins, so body beats query for urlencoded, and query beats body for multipart.
 */
import type { IncomingMessage } from 'node:http';
import { parseQueryInto, type FormValues } from './form.js';
import { parseMediaType } from './media-type.js';
import { parseMultipart } from './multipart.js';
import { firstHeader } from './raw-header.js';
import { readBody } from './read-body.js';

export const MAX_FORM_BYTES = 10 << 20;

export interface Limits {
  /** Cap for JSON-mode bodies (Centrifugo has none; the mock must bound memory). */
  readonly maxJsonBodyBytes: number;
  /** Cap for multipart bodies. */
  readonly maxMultipartBytes: number;
}

export type ApiInput =
  | { readonly kind: 'input'; readonly mode: 'json' | 'form'; readonly data: Buffer; readonly sign: Buffer | undefined }
  | { readonly kind: 'json-too-large'; readonly received: number }
  | { readonly kind: 'read-error' };

const WANTED = ['data', 'sign'] as const;
const EMPTY = Buffer.alloc(0);

export async function readApiInput(req: IncomingMessage, query: string, insecure: boolean, limits: Limits): Promise<ApiInput> {
  const contentType = firstHeader(req.rawHeaders, 'content-type') ?? '';
  if (isJsonContentType(contentType)) {
    const body = await readBody(req, limits.maxJsonBodyBytes);
    if (body.kind === 'overflow') return { kind: 'json-too-large', received: body.received };
    if (body.kind === 'error') return { kind: 'read-error' };
    const sign = insecure ? undefined : firstHeader(req.rawHeaders, 'x-api-sign');
    return { kind: 'input', mode: 'json', data: body.body, sign: sign === undefined ? undefined : Buffer.from(sign, 'latin1') };
  }
  const values: FormValues = new Map();
  const method = req.method ?? 'GET';
  const media = contentType === '' ? undefined : parseMediaType(contentType);
  if ((method === 'POST' || method === 'PUT' || method === 'PATCH') && media?.type === 'application/x-www-form-urlencoded') {
    const body = await readBody(req, MAX_FORM_BYTES);
    if (body.kind === 'error') return { kind: 'read-error' };
    if (body.kind === 'ok') parseQueryInto(values, body.body, WANTED);
  }
  if (query !== '') parseQueryInto(values, Buffer.from(query, 'latin1'), WANTED);
  if (media?.type === 'multipart/form-data' && !media.invalidParams) {
    const boundary = media.params.get('boundary');
    if (boundary !== undefined) {
      const body = await readBody(req, limits.maxMultipartBytes);
      if (body.kind === 'error') return { kind: 'read-error' };
      const parts = body.kind === 'ok' ? parseMultipart(body.body, boundary, WANTED) : undefined;
      if (parts) for (const [k, v] of parts) if (!values.has(k)) values.set(k, v);
    }
  }
  return { kind: 'input', mode: 'form', data: values.get('data') ?? EMPTY, sign: insecure ? undefined : values.get('sign') };
}

export function isJsonContentType(contentType: string): boolean {
  return contentType.length >= 16 && contentType.slice(0, 16).toLowerCase() === 'application/json';
}

