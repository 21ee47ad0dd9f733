/**
 * Enough of Go's multipart reader for `FormValue`: parts delimited by `--boundary` lines (CRLF,
 * or LF when the first delimiter line ends in LF), a preamble before the first delimiter,
 * header lines up to an empty line, `Content-Disposition: form-data; name="..."`. Parts with a
 * `filename` are files, not values. A malformed body yields no values at all (Go's ReadForm
 * fails as a whole), as does a form of more than 1000 parts (Go's `multipartmaxparts`).
 * Bounded: one pass over at most 1000 parts, no recursion.
 */
import { parseMediaType } from './media-type.js';

/** Go's ReadForm refuses a form with more parts (`multipartmaxparts`, Go 1.19.8+). */
export const MAX_PARTS = 1000;

export function parseMultipart(body: Buffer, boundary: string, wanted: readonly string[]): Map<string, Buffer> | undefined {
  if (boundary === '' || boundary.length > 70) return undefined;
  const dash = Buffer.from(`--${boundary}`, 'latin1');
  // Find the first delimiter line: starts the body or a line.
  let at = 0;
  let nl = '\r\n';
  for (;;) {
    const i = body.indexOf(dash, at);
    if (i < 0) return undefined;
    const lineStart = i === 0 || body[i - 1] === 0x0a;
    const after = lineEnd(body, i + dash.length);
    if (lineStart && after !== undefined) {
      if (after.final) return new Map();
      nl = after.nl;
      at = after.next;
      break;
    }
    at = i + dash.length;
  }
  const delimiter = Buffer.concat([Buffer.from(nl, 'latin1'), dash]);
  const values = new Map<string, Buffer>();
  for (let parts = 1; ; parts += 1) {
    if (parts > MAX_PARTS) return undefined;
    const headerEnd = body.indexOf(`${nl}${nl}`, at, 'latin1');
    let headersText: string;
    let contentStart: number;
    if (body.subarray(at, at + nl.length).toString('latin1') === nl) {
      headersText = '';
      contentStart = at + nl.length;
    } else {
      if (headerEnd < 0) return undefined;
      headersText = body.subarray(at, headerEnd).toString('latin1');
      contentStart = headerEnd + 2 * nl.length;
    }
    let search = contentStart;
    let contentEnd = -1;
    let next: { final: boolean; next: number } | undefined;
    while (contentEnd < 0) {
      const d = body.indexOf(delimiter, search);
      if (d < 0) return undefined;
      const after = lineEnd(body, d + delimiter.length);
      if (after !== undefined) {
        contentEnd = d;
        next = after;
      } else search = d + 1;
    }
    const name = formName(headersText, nl);
    if (name !== undefined && wanted.includes(name) && !values.has(name)) values.set(name, body.subarray(contentStart, contentEnd));
    if (next === undefined || next.final) return values;
    at = next.next;
  }
}

/** After a delimiter: `--` (final) or optional spaces/tabs then a line break. */
function lineEnd(body: Buffer, i: number): { final: boolean; nl: string; next: number } | undefined {
  if (body[i] === 0x2d && body[i + 1] === 0x2d) return { final: true, nl: '\r\n', next: i + 2 };
  let j = i;
  while (body[j] === 0x20 || body[j] === 0x09) j += 1;
  if (body[j] === 0x0d && body[j + 1] === 0x0a) return { final: false, nl: '\r\n', next: j + 2 };
  if (body[j] === 0x0a) return { final: false, nl: '\n', next: j + 1 };
  return undefined;
}

/** The `name` of a `form-data` part without `filename`; undefined for files and others. */
function formName(headers: string, nl: string): string | undefined {
  const lines = headers.split(nl);
  const unfolded: string[] = [];
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && unfolded.length > 0) unfolded[unfolded.length - 1] += ` ${line.trim()}`;
    else unfolded.push(line);
  }
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') continue;
    const disposition = parseMediaType(Buffer.from(line.slice(colon + 1).trim(), 'latin1').toString('utf8'));
    if (disposition === undefined || disposition.type !== 'form-data') return undefined;
    if (disposition.params.has('filename')) return undefined;
    return disposition.params.get('name');
  }
  return undefined;
}
