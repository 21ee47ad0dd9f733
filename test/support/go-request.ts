/**
 * A recorded HTTP request as a Go server reads it, through the mock's own modules (the one copy
 * of those rules, packages/mock/src/http): its raw header list, and where Centrifugo 1.8.0 takes
 * `data` and `sign` from (`readApiInput`, given the body in memory instead of a socket).
 */
import { readApiHead, readApiInput, type ApiInput } from '../../packages/mock/src/http/api-input.js';
import { firstHeader } from '../../packages/mock/src/http/raw-header.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface DataAndSign {
  readonly mode: 'json' | 'form';
  readonly data: Buffer;
  readonly sign: Buffer | undefined;
  /** Why form values may be missing (a body Go did not parse). */
  readonly note?: string;
}

/** No caps: a body in memory, and the real server has none for JSON (Go's multipart limits are the parser's). */
const LIMITS = { maxJsonBodyBytes: Infinity, maxMultipartBytes: Infinity };

/** The headers as Node gives them to a server (name, value, …); a body recorded without its length gets the Content-Length its client sent. */
export function rawHeadersOf(req: RecordedRequest): string[] {
  const raw = Object.entries(req.headers).flat();
  if (
    req.body !== '' &&
    firstHeader(raw, 'content-length') === undefined &&
    firstHeader(raw, 'transfer-encoding') === undefined
  ) {
    raw.push('Content-Length', String(Buffer.byteLength(req.body, 'utf8')));
  }
  return raw;
}

/** Go's `r.Header.Get(name)`. */
export function header(req: RecordedRequest, name: string): string | undefined {
  return firstHeader(rawHeadersOf(req), name.toLowerCase());
}

/** The request target as a server receives it: bytes, one char each. */
export function targetOf(req: RecordedRequest): string {
  return Buffer.from(req.path, 'utf8').toString('latin1');
}

/** `data` and `sign` as Centrifugo 1.8.0 reads them (`handlers.go:268-297`), by the mock's `readApiInput`. */
export function extractDataAndSign(req: RecordedRequest, insecure: boolean): DataAndSign {
  const rawHeaders = rawHeadersOf(req);
  const body = Buffer.from(req.body, 'utf8');
  const target = targetOf(req);
  const q = target.indexOf('?');
  let input: ApiInput | undefined;
  const read = (
    limit: number,
    done: (r: { kind: 'ok'; body: Buffer } | { kind: 'too-large'; received: number }) => void,
  ) => done(body.length > limit ? { kind: 'too-large', received: 0 } : { kind: 'ok', body });
  readApiInput(
    req.method,
    readApiHead({ rawHeaders }, insecure),
    q < 0 ? '' : target.slice(q + 1),
    insecure,
    LIMITS,
    read,
    (i) => (input = i),
  );
  if (input?.kind !== 'input')
    throw new Error(`${req.method} ${req.path}: no input (${input?.kind ?? 'not called back'})`);
  const note =
    input.body === 'none' && body.length > 0
      ? `body not read (Content-Type ${JSON.stringify(header(req, 'Content-Type') ?? 'absent')})`
      : undefined;
  return { mode: input.mode, data: input.data, sign: input.sign, ...(note === undefined ? {} : { note }) };
}
