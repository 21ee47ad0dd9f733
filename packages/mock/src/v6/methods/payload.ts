/**
 * The payload a write carries, as api.go picks it: a non-empty `b64data` wins over `data` and
 * must be standard base64 (else 107); and the namespace's `publication_data_format` check
 * (config.ValidatePublicationData): `""` needs non-empty data, `json` valid JSON, `json_object`
 * a JSON object, `binary` anything.
 */
import { goBase64Decode } from '../../json/go-base64.js';
import { checkJson, isJsonSpace } from '../../json/scan.js';

/** The payload (raw JSON text or decoded bytes; '' when none), or undefined for bad base64. */
export function payloadOf(data: string | undefined, b64: string): string | Buffer | undefined {
  if (b64 !== '') return goBase64Decode(b64);
  return data ?? '';
}

export function fitsFormat(data: string | Buffer, format: string): boolean {
  switch (format) {
    case 'json':
      return data.length > 0 && checkJson(text(data)) === undefined;
    case 'json_object': {
      const t = text(data);
      if (t.length === 0 || checkJson(t) !== undefined) return false;
      let a = 0;
      let b = t.length - 1;
      while (a <= b && isJsonSpace(t.charCodeAt(a))) a += 1;
      while (b >= a && isJsonSpace(t.charCodeAt(b))) b -= 1;
      return a <= b && t[a] === '{' && t[b] === '}';
    }
    case 'binary':
      return true;
    default:
      return data.length > 0;
  }
}

function text(data: string | Buffer): string {
  return typeof data === 'string' ? data : data.toString('utf8');
}
