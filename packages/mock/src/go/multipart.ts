/**
 * Go's multipart reader and `Request.ParseMultipartForm(32 MiB)` as far as `FormValue` sees them,
 * over a body held whole (mime/multipart `Reader.NextPart`, `readForm`):
 * - lines are read through a 4096-byte buffer: a preamble or delimiter line longer than that
 *   fails the form (so a boundary is at most 4090 bytes when the final line ends in CRLF), and
 *   a delimiter must fit in it too;
 * - a delimiter line is `--boundary`, optional spaces/tabs, then CRLF (or LF, when the first
 *   delimiter line ends so); `--boundary--` ends the form;
 * - a part's content ends before CRLF `--boundary` followed by a space, tab, CR, LF, `--` or the
 *   end of the body (or at once, when the content starts with `--boundary` so followed);
 * - part headers as textproto reads them; the name is Content-Disposition `form-data`'s `name`
 *   (RFC 2231 forms included), and a part with a non-empty `filename` is a file, not a value;
 * - more than 1000 parts, or more than 32 MiB + 10 MiB of names and values, or any malformed
 *   part, fails the whole form: no value at all, as ReadForm returns nothing on error.
 * Quoted-printable part bodies (which Go decodes) are kept as sent.
 */
import { parseMediaType } from './media-type.js';
import { headerValue, readMimeHeader } from './mime-header.js';

/** Go's ReadForm refuses a form with more parts (`multipartmaxparts`). */
export const MAX_PARTS = 1000;
/** Header lines per part (`multipartmaxheaders`). */
const MAX_HEADERS = 10_000;
/** ParseMultipartForm's 32 MiB, plus the 10 MiB ReadForm allows for values. */
const MAX_MEMORY = (32 << 20) + (10 << 20);
/** The size of the reader's buffer: no line may be longer. */
const PEEK = 4096;
/** The bytes ReadForm counts for each part's name, besides the name itself. */
const ENTRY_OVERHEAD = 200;

interface Delimiters {
  /** `\r\n--boundary` (then `\n--boundary` in LF mode). */
  nlDash: Buffer;
  nl: Buffer;
  readonly dash: Buffer;
  readonly dashDash: Buffer;
}

/** The wanted values of a multipart body (first value wins), or undefined when Go's ReadForm fails. `boundary` is bytes, one char each. */
export function parseMultipart(
  body: Buffer,
  boundary: string,
  wanted: readonly string[],
): Map<string, Buffer> | undefined {
  if (boundary === '') return undefined;
  const all = Buffer.from(`\r\n--${boundary}--`, 'latin1');
  const d: Delimiters = {
    nl: all.subarray(0, 2),
    nlDash: all.subarray(0, all.length - 2),
    dash: all.subarray(2, all.length - 2),
    dashDash: all.subarray(2),
  };
  const values = new Map<string, Buffer>();
  let memory = MAX_MEMORY;
  let pos = 0;
  for (let partsRead = 0; ; partsRead += 1) {
    const start = nextPart(body, pos, d, partsRead);
    if (start === undefined) return undefined;
    if (start === 'end') return values;
    if (partsRead + 1 > MAX_PARTS) return undefined;
    const head = readMimeHeader(body, start, memory, MAX_HEADERS);
    if (!head.ok) return head.eof ? values : undefined;
    const end = contentEnd(body, head.next, d);
    if (end === undefined) return undefined;
    pos = end;
    const disposition = headerValue(head.header, 'Content-Disposition');
    const parsed = disposition === undefined ? undefined : parseMediaType(disposition);
    const params = parsed === undefined || parsed.invalidParams ? undefined : parsed.params;
    const name = parsed?.type === 'form-data' ? (params?.get('name') ?? '') : '';
    if (name === '') continue;
    memory -= name.length + ENTRY_OVERHEAD;
    if (memory < 0) return undefined;
    if ((params?.get('filename') ?? '') !== '') continue; // a file: kept apart, not a value
    memory -= end - head.next;
    if (memory < 0) return undefined;
    if (wanted.includes(name) && !values.has(name)) values.set(name, body.subarray(head.next, end));
  }
}

/** Reader.nextPart: skips the preamble or the separator, then reads a delimiter line; the position after it, 'end', or undefined on error. */
function nextPart(body: Buffer, at: number, d: Delimiters, partsRead: number): number | 'end' | undefined {
  let pos = at;
  let expectNewPart = false;
  for (;;) {
    const lf = body.indexOf(0x0a, pos);
    const lineEnd = lf < 0 ? body.length : lf + 1;
    if (lineEnd - pos > PEEK) return undefined; // bufio: buffer full
    const line = body.subarray(pos, lineEnd);
    if (lf < 0) return isFinal(line, d) ? 'end' : undefined;
    pos = lineEnd;
    if (isDelimiterLine(line, d, partsRead)) return pos;
    if (isFinal(line, d)) return 'end';
    if (expectNewPart) return undefined;
    if (partsRead === 0) continue;
    if (line.equals(d.nl)) {
      expectNewPart = true;
      continue;
    }
    return undefined;
  }
}

function skipSpaces(line: Buffer, from: number): number {
  let i = from;
  while (line[i] === 0x20 || line[i] === 0x09) i += 1;
  return i;
}

function isDelimiterLine(line: Buffer, d: Delimiters, partsRead: number): boolean {
  if (!startsWith(line, d.dash)) return false;
  const rest = line.subarray(skipSpaces(line, d.dash.length));
  // The first delimiter line ending in a bare LF switches the reader to LF mode.
  if (partsRead === 0 && rest.length === 1 && rest[0] === 0x0a) {
    d.nl = d.nl.subarray(1);
    d.nlDash = d.nlDash.subarray(1);
  }
  return rest.equals(d.nl);
}

function isFinal(line: Buffer, d: Delimiters): boolean {
  if (!startsWith(line, d.dashDash)) return false;
  const rest = line.subarray(skipSpaces(line, d.dashDash.length));
  return rest.length === 0 || rest.equals(d.nl);
}

/** scanUntilBoundary over the rest of the body: where the content starting at `at` ends, or undefined when it does not. */
function contentEnd(body: Buffer, at: number, d: Delimiters): number | undefined {
  // A delimiter longer than the reader's buffer is never seen; one that fills it exactly is taken
  // whatever byte follows (the reader cannot look further).
  if (d.nlDash.length > PEEK) return undefined;
  const full = d.nlDash.length === PEEK;
  if (startsWith(body.subarray(at), d.dash)) {
    const m = matchAfter(body, at + d.dash.length);
    if (m > 0) return at;
  }
  let from = at;
  for (;;) {
    const i = body.indexOf(d.nlDash, from);
    if (i < 0) return undefined; // unexpected EOF
    if (full || matchAfter(body, i + d.nlDash.length) > 0) return i;
    from = i + d.nlDash.length;
  }
}

/** matchAfterPrefix at the end of the body: +1 a boundary, -1 not. */
function matchAfter(body: Buffer, i: number): number {
  if (i === body.length) return 1;
  const c = body[i];
  if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) return 1;
  if (c === 0x2d) {
    if (i + 1 === body.length) return -1;
    if (body[i + 1] === 0x2d) return 1;
  }
  return -1;
}

function startsWith(buf: Buffer, prefix: Buffer): boolean {
  return buf.length >= prefix.length && buf.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}
