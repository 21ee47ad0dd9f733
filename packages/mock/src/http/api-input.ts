/**
 * Where `data` and `sign` come from (`handlers.go:268-297`). JSON mode (Content-Type starting
 * with `application/json`, any case): the whole body is data, the sign is the `X-API-Sign`
 * header. Otherwise Go's `FormValue`: an urlencoded body of POST/PUT/PATCH (capped at 10 MiB;
 * over it the body counts as empty), the URL query, then a multipart body; the first value
 * wins, so body beats query for urlencoded, and query beats body for multipart.
 */
import type { IncomingMessage } from 'node:http';
import { API_FORM_KEYS, ApiForm, parseQueryInto } from './form.js';
import { requestMediaType, type MediaType } from './media-type.js';
import { parseMultipart } from './multipart.js';
import { firstHeader } from './raw-header.js';
import { readBodyThen } from './read-body.js';

export const MAX_FORM_BYTES = 10 << 20;

export interface Limits {
  /** Cap for JSON-mode bodies (Centrifugo has none; the mock must bound memory). */
  readonly maxJsonBodyBytes: number;
  /** Cap for multipart bodies. */
  readonly maxMultipartBytes: number;
}

export type ApiInput =
  | { readonly kind: 'input'; readonly mode: 'json' | 'form'; readonly data: Buffer; readonly sign: Buffer | undefined }
  | { readonly kind: 'json-too-large'; readonly received: number };

const EMPTY = Buffer.alloc(0);

/**
 * Reads the request as far as needed and calls `done` once (synchronously when no body is
 * read; never when the request is aborted before its body ends).
 */
export function readApiInput(req: IncomingMessage, query: string, insecure: boolean, limits: Limits, done: (input: ApiInput) => void): void {
  const contentType = firstHeader(req.rawHeaders, 'content-type') ?? '';
  if (isJsonContentType(contentType)) {
    readBodyThen(req, limits.maxJsonBodyBytes, (body, received) => {
      if (body === undefined) return done({ kind: 'json-too-large', received });
      const sign = insecure ? undefined : firstHeader(req.rawHeaders, 'x-api-sign');
      done({ kind: 'input', mode: 'json', data: body, sign: sign === undefined ? undefined : Buffer.from(sign, 'latin1') });
    });
    return;
  }
  const form = new ApiForm();
  const method = req.method ?? 'GET';
  const media = contentType === '' ? undefined : requestMediaType(contentType);
  if ((method === 'POST' || method === 'PUT' || method === 'PATCH') && media?.type === 'application/x-www-form-urlencoded') {
    readBodyThen(req, MAX_FORM_BYTES, (body) => {
      // The body is this request's own copy: values are decoded in it.
      if (body !== undefined) parseQueryInto(form, body, API_FORM_KEYS, true);
      afterBody(req, query, insecure, limits, media, form, done);
    });
    return;
  }
  afterBody(req, query, insecure, limits, media, form, done);
}

function afterBody(req: IncomingMessage, query: string, insecure: boolean, limits: Limits, media: MediaType | undefined, form: ApiForm, done: (input: ApiInput) => void): void {
  if (query !== '') parseQueryInto(form, Buffer.from(query, 'latin1'), API_FORM_KEYS, true);
  const boundary = media?.type === 'multipart/form-data' && !media.invalidParams ? media.params.get('boundary') : undefined;
  if (boundary === undefined) return done(formInput(form, insecure));
  readBodyThen(req, limits.maxMultipartBytes, (body) => {
    const parts = body === undefined ? undefined : parseMultipart(body, boundary, API_FORM_KEYS);
    if (parts) for (const [k, v] of parts) if (!form.has(k)) form.set(k, v);
    done(formInput(form, insecure));
  });
}

function formInput(form: ApiForm, insecure: boolean): ApiInput {
  return { kind: 'input', mode: 'form', data: form.data ?? EMPTY, sign: insecure ? undefined : form.sign };
}

const JSON_TYPE = 'application/json';

/** Starts with `application/json`, ASCII case-insensitively (header values are latin1: no other letter folds to ASCII). */
export function isJsonContentType(contentType: string): boolean {
  if (contentType.length < JSON_TYPE.length) return false;
  for (let i = 0; i < JSON_TYPE.length; i += 1) {
    let c = contentType.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== JSON_TYPE.charCodeAt(i)) return false;
  }
  return true;
}
