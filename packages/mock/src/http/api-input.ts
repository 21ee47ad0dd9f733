/**
 * Where `data` and `sign` come from (`handlers.go:268-297`). JSON mode (Content-Type starting
 * with `application/json`, any case): the whole body is data, the sign is the `X-API-Sign`
 * header. Otherwise Go's `FormValue`: an urlencoded body of POST/PUT/PATCH (capped at 10 MiB;
 * over it the body counts as empty), the URL query, then a multipart body; the first value
 * wins, so body beats query for urlencoded, and query beats body for multipart.
 *
 * A body is read only when its bytes can matter, and within the server's body budget: a form
 * body Go would ignore (over 10 MiB, a content type it does not parse, a multipart body when
 * the query already holds data and sign) is left unread, for `settleUnreadBody` to deal with.
 * The body comes through a `BodyReader`: the server's reads a request, a test's a body in memory.
 */
import { API_FORM_KEYS, ApiForm, parseQueryInto } from './form.js';
import { parseMediaType, type MediaType } from '../go/media-type.js';
import { parseMultipart } from '../go/multipart.js';
import { firstHeader } from './raw-header.js';
import { declaredLength, type BodyResult } from './read-body.js';

export const MAX_FORM_BYTES = 10 << 20;

export interface Limits {
  /** Cap for JSON-mode bodies (Centrifugo has none; the mock must bound memory). */
  readonly maxJsonBodyBytes: number;
  /** Cap for multipart bodies. */
  readonly maxMultipartBytes: number;
}

/** How much of the body was read: all of it, none, or part (reading stopped at a limit). */
export type BodyRead = 'all' | 'none' | 'partial';

/** What is known before the body: the mode, the JSON sign header, the declared body length. */
export interface ApiHead {
  readonly mode: 'json' | 'form';
  readonly contentType: string;
  /** Form mode: the Content-Type parsed (undefined when absent or unparsable). */
  readonly media: MediaType | undefined;
  /** JSON mode: the `X-API-Sign` header (undefined when absent or insecure). */
  readonly sign: Buffer | undefined;
  /** undefined for a chunked body. */
  readonly declared: number | undefined;
}

export type ApiInput =
  | {
      readonly kind: 'input';
      readonly mode: 'json' | 'form';
      readonly data: Buffer;
      readonly sign: Buffer | undefined;
      readonly body: BodyRead;
    }
  | { readonly kind: 'json-too-large'; readonly body: BodyRead }
  | { readonly kind: 'over-budget'; readonly needed: number; readonly body: BodyRead };

/** Reads the body up to `limit` bytes and calls `done` once (the server: `readBodyThen`, within its body budget). */
export type BodyReader = (limit: number, done: (result: BodyResult) => void) => void;

const EMPTY = Buffer.alloc(0);

/** `mediaType`: a server passes its `MediaTypeMemo`'s `parse`. */
export function readApiHead(
  req: { readonly rawHeaders: readonly string[] },
  insecure: boolean,
  mediaType: (value: string) => MediaType | undefined = parseMediaType,
): ApiHead {
  const contentType = firstHeader(req.rawHeaders, 'content-type') ?? '';
  const declared = declaredLength(req);
  if (!isJsonContentType(contentType)) {
    const media = contentType === '' ? undefined : mediaType(contentType);
    return { mode: 'form', contentType, media, sign: undefined, declared };
  }
  const sign = insecure ? undefined : firstHeader(req.rawHeaders, 'x-api-sign');
  const signBytes = sign === undefined ? undefined : Buffer.from(sign, 'latin1');
  return { mode: 'json', contentType, media: undefined, sign: signBytes, declared };
}

/**
 * Reads the request as far as needed and calls `done` once (synchronously when no body is
 * read; never when the request is aborted before its body ends).
 */
export function readApiInput(
  method: string,
  head: ApiHead,
  query: string,
  insecure: boolean,
  limits: Limits,
  read: BodyReader,
  done: (input: ApiInput) => void,
): void {
  if (head.mode === 'json') {
    read(limits.maxJsonBodyBytes, (r) => {
      if (r.kind === 'ok') return done({ kind: 'input', mode: 'json', data: r.body, sign: head.sign, body: 'all' });
      const body =
        r.kind === 'too-large' && r.received === 0
          ? 'none'
          : r.kind === 'over-budget' && head.declared !== undefined
            ? 'none'
            : 'partial';
      done(r.kind === 'too-large' ? { kind: 'json-too-large', body } : { kind: 'over-budget', needed: r.needed, body });
    });
    return;
  }
  const form = new ApiForm();
  const media = head.media;
  if (
    (method === 'POST' || method === 'PUT' || method === 'PATCH') &&
    media?.type === 'application/x-www-form-urlencoded'
  ) {
    // Go reads at most 10 MiB + 1 bytes and drops the form past 10 MiB: a longer declared body is not read.
    if (head.declared !== undefined && head.declared > MAX_FORM_BYTES)
      return afterBody(head, query, insecure, limits, read, media, form, 'none', done);
    read(MAX_FORM_BYTES, (r) => {
      if (r.kind === 'over-budget')
        return done({ kind: 'over-budget', needed: r.needed, body: head.declared === undefined ? 'partial' : 'none' });
      // The body is this request's own copy: values are decoded in it.
      if (r.kind === 'ok') parseQueryInto(form, r.body, API_FORM_KEYS, true);
      afterBody(head, query, insecure, limits, read, media, form, r.kind === 'ok' ? 'all' : 'partial', done);
    });
    return;
  }
  afterBody(head, query, insecure, limits, read, media, form, head.declared === 0 ? 'all' : 'none', done);
}

function afterBody(
  head: ApiHead,
  query: string,
  insecure: boolean,
  limits: Limits,
  read: BodyReader,
  media: MediaType | undefined,
  form: ApiForm,
  bodyRead: BodyRead,
  done: (input: ApiInput) => void,
): void {
  if (query !== '') parseQueryInto(form, Buffer.from(query, 'latin1'), API_FORM_KEYS, true);
  const boundary =
    bodyRead === 'none' && media?.type === 'multipart/form-data' && !media.invalidParams
      ? media.params.get('boundary')
      : undefined;
  // Query values come first: once it holds data (and sign, unless insecure), the body changes nothing.
  const settled = form.data !== undefined && (insecure || form.sign !== undefined);
  if (boundary === undefined || settled || (head.declared !== undefined && head.declared > limits.maxMultipartBytes))
    return done(formInput(form, insecure, bodyRead));
  read(limits.maxMultipartBytes, (r) => {
    if (r.kind === 'over-budget')
      return done({ kind: 'over-budget', needed: r.needed, body: head.declared === undefined ? 'partial' : 'none' });
    const parts = r.kind === 'ok' ? parseMultipart(r.body, boundary, API_FORM_KEYS) : undefined;
    if (parts) for (const [k, v] of parts) if (!form.has(k)) form.set(k, v);
    done(formInput(form, insecure, r.kind === 'ok' ? 'all' : 'partial'));
  });
}

function formInput(form: ApiForm, insecure: boolean, body: BodyRead): ApiInput {
  return { kind: 'input', mode: 'form', data: form.data ?? EMPTY, sign: insecure ? undefined : form.sign, body };
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
