/**
 * Go's textproto.Reader.ReadMIMEHeader, as a multipart part's headers are read: lines up to an
 * empty one (CRLF or LF), a first line may not start with a space, continuation lines join with
 * one space, each line needs a colon, a key is a token (a space before the colon is tolerated,
 * but such a key is not canonicalised, so it matches nothing), values may not hold control
 * bytes. Bounded by `maxMemory` (bytes, less 400 and 200 per key) and `maxHeaders` lines.
 */
export type MimeHeader = ReadonlyMap<string, readonly string[]>;

/**
 * `eof`: the body ended at the start of a header line. Go's reader then returns io.EOF, which
 * ReadForm takes for the end of the form (the part before it stays).
 */
export type HeaderResult =
  | { readonly ok: true; readonly header: MimeHeader; readonly next: number }
  | { readonly ok: false; readonly eof: boolean };

const EOF = { ok: false, eof: true } as const;

const FAIL = { ok: false, eof: false } as const;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Reads the header block starting at `at` in `buf`; `next` is where the content starts. */
export function readMimeHeader(buf: Buffer, at: number, maxMemory: number, maxHeaders: number): HeaderResult {
  const header = new Map<string, string[]>();
  let memory = maxMemory - 400;
  let headers = maxHeaders;
  let pos = at;
  if (buf[pos] === 0x20 || buf[pos] === 0x09) return FAIL;
  for (;;) {
    const first = readLine(buf, pos);
    if (first === undefined) return EOF;
    if (first.line.length > memory) return FAIL;
    pos = first.next;
    if (first.line.length === 0) return { ok: true, header, next: pos };
    if (!first.line.includes(':')) return FAIL;
    let kv = trim(first.line);
    // Continuation lines: leading spaces or tabs, trimmed, joined with one space.
    while (buf[pos] === 0x20 || buf[pos] === 0x09) {
      while (buf[pos] === 0x20 || buf[pos] === 0x09) pos += 1;
      kv += ' ';
      if (kv.length >= memory) return FAIL;
      const more = readLine(buf, pos);
      if (more === undefined) break;
      pos = more.next;
      kv += trim(more.line);
    }
    const colon = kv.indexOf(':');
    const key = canonicalKey(kv.slice(0, colon));
    if (key === undefined) return FAIL;
    const raw = kv.slice(colon + 1);
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(raw)) return FAIL;
    headers -= 1;
    if (headers < 0) return FAIL;
    const value = raw.replace(/^[ \t]+/, '');
    const values = header.get(key);
    if (values === undefined) memory -= key.length + 200;
    memory -= value.length;
    if (memory < 0) return FAIL;
    if (values === undefined) header.set(key, [value]);
    else values.push(value);
  }
}

/** The first value of `key` (canonical form), as Header.Get. */
export function headerValue(header: MimeHeader, key: string): string | undefined {
  return header.get(key)?.[0];
}

/**
 * One line without its LF (and a CR before it); undefined at the end of the buffer. A last line
 * without a line break is a line (bufio.ReadLine returns it, and io.EOF only after it).
 */
function readLine(buf: Buffer, at: number): { line: string; next: number } | undefined {
  if (at >= buf.length) return undefined;
  const lf = buf.indexOf(0x0a, at);
  if (lf < 0) return { line: buf.toString('latin1', at), next: buf.length };
  const end = lf > at && buf[lf - 1] === 0x0d ? lf - 1 : lf;
  return { line: buf.toString('latin1', at, end), next: lf + 1 };
}

function trim(s: string): string {
  return s.replace(/^[ \t]+|[ \t]+$/g, '');
}

/** textproto's CanonicalMIMEHeaderKey; a key with a space is kept as is; others fail. */
function canonicalKey(k: string): string | undefined {
  if (k === '') return undefined;
  if (k.includes(' ')) return TOKEN.test(k.replace(/ /g, '')) || /^ +$/.test(k) ? k : undefined;
  if (!TOKEN.test(k)) return undefined;
  return k.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
