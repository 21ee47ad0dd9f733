/**
 * Where Centrifugo 1.8.0 takes `data` and `sign` from in an HTTP request (server doc §1.2), with
 * the parts of Go's `net/http` form handling that decide it.
 */

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface DataAndSign {
  readonly mode: 'json' | 'form';
  readonly data: string;
  readonly sign: string;
  /** Why form values may be missing (a body Go did not parse). */
  readonly note?: string;
}

/** Go's `maxFormSize`: url-encoded bodies over 10 MiB fail to parse. */
export const MAX_FORM_SIZE = 10 << 20;

export function header(req: RecordedRequest, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(req.headers)) if (k.toLowerCase() === want) return v;
  return undefined;
}

/** The media type of a Content-Type value, lowercased, without parameters (Go's mime.ParseMediaType). */
function mediaType(ct: string | undefined): string {
  return (ct ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function parseQuery(s: string): [string, string][] {
  return [...new URLSearchParams(s).entries()];
}

/** Non-file fields of a multipart/form-data body. */
function parseMultipart(body: string, ct: string): [string, string][] {
  const m = /boundary="?([^";]+)"?/i.exec(ct);
  if (m === null) return [];
  const out: [string, string][] = [];
  for (const part of body.split(`--${m[1]}`).slice(1)) {
    if (part.startsWith('--')) break;
    const sep = part.indexOf('\r\n\r\n');
    if (sep === -1) continue;
    const head = part.slice(0, sep);
    const name = /name="([^"]*)"/i.exec(head);
    if (name === null || /filename=/i.test(head)) continue;
    out.push([name[1] as string, part.slice(sep + 4).replace(/\r\n$/, '')]);
  }
  return out;
}

/**
 * `data` and `sign` as `handlers.go:268-297` reads them:
 * - JSON mode when the lowercased Content-Type starts with `application/json`: the whole body is
 *   `data`, the `X-API-Sign` header is `sign`;
 * - otherwise `r.FormValue`: url-encoded bodies of POST/PUT/PATCH (at most 10 MiB) come first,
 *   then the URL query; multipart fields (any method) come after the query; the first value of a
 *   repeated key wins. Bodies with no or another Content-Type are not read.
 */
export function extractDataAndSign(req: RecordedRequest): DataAndSign {
  const ct = header(req, 'Content-Type');
  if ((ct ?? '').toLowerCase().startsWith('application/json')) {
    return { mode: 'json', data: req.body, sign: header(req, 'X-API-Sign') ?? '' };
  }
  const q = req.path.indexOf('?');
  const query = q === -1 ? [] : parseQuery(req.path.slice(q + 1));
  const media = mediaType(ct);
  let values: [string, string][] = query;
  let note: string | undefined;
  if (media === 'application/x-www-form-urlencoded' && ['POST', 'PUT', 'PATCH'].includes(req.method)) {
    if (Buffer.byteLength(req.body, 'utf8') > MAX_FORM_SIZE) note = 'url-encoded body over 10 MiB: Go does not parse it';
    else values = [...parseQuery(req.body), ...query];
  } else if (media === 'multipart/form-data') {
    values = [...query, ...parseMultipart(req.body, ct ?? '')];
  } else if (req.body !== '') {
    note = `body not parsed as a form (Content-Type ${ct === undefined ? 'absent' : JSON.stringify(ct)})`;
  }
  const first = (k: string) => values.find(([key]) => key === k)?.[1] ?? '';
  return { mode: 'form', data: first('data'), sign: first('sign'), ...(note === undefined ? {} : { note }) };
}
