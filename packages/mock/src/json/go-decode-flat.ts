/**
 * Quarantined speed-up (STYLE.md, "Speed-ups are quarantined"): a struct's members decoded in
 * one flat loop while each is a scalar (string, raw, bool, integer) or `null`, without the
 * generic walk's frames, stack and paths. A command envelope and a publish's params are such
 * structs: bench/mock.bench.js and bench/mock6.bench.js (signed publish, BENCH_MOCK_BUILDS rows)
 * measured the generic walk at ~1.1 µs per 1.x request against ~0.5 for a flat loop.
 *
 * It gives up (-1) at the first member it does not handle — an object or array, a value of the
 * wrong JSON type, an integer the field cannot hold — and the caller decodes the whole value
 * again with the generic walk (`go-decode.ts`), which has the one copy of the failure rules and
 * containers. Decoding writes only into the new struct, so starting over is safe. Checked
 * against the generic walk on random documents by test/go-decode-flat.test.ts.
 */
import { matchField } from './go-fields.js';
import { KEEPS_VALUE, nullInto, type CompiledStruct } from './go-kinds.js';
import { goInt32, goInt64, goIntProblem } from './go-number.js';
import { skipSpace } from './scan.js';
import { unquote } from './unquote.js';
import { skipString, skipValue } from './walk.js';

/** Decodes the (valid) object at `start` into `target`; returns where it ends, or -1 to start over with the generic walk. */
export function walkFlat(text: string, start: number, c: CompiledStruct, target: Record<string, unknown>): number {
  const names = c.fields.names;
  const kinds = c.kinds;
  let j = skipSpace(text, start + 1);
  for (;;) {
    if (text.charCodeAt(j) === 125) return j + 1;
    const keyEnd = skipString(text, j);
    const v = skipSpace(text, skipSpace(text, keyEnd) + 1);
    const f = matchField(c.fields, text, j, keyEnd);
    let end: number;
    if (f < 0) end = skipValue(text, v);
    else {
      const field = names[f] as string;
      const kind = kinds[f];
      const ch = text.charCodeAt(v);
      if (kind === undefined) return -1;
      if (ch === 110) {
        const value = nullInto(kind);
        if (value !== KEEPS_VALUE) target[field] = value;
        end = v + 4;
      } else if (kind === 'string') {
        if (ch !== 34) return -1;
        end = skipString(text, v);
        target[field] = unquote(text, v, end);
      } else if (kind === 'raw') {
        end = skipValue(text, v);
        target[field] = text.slice(v, end);
      } else if (kind === 'bool') {
        if (ch === 116) target[field] = true;
        else if (ch === 102) target[field] = false;
        else return -1;
        end = skipValue(text, v);
      } else if (kind === 'int32' || kind === 'uint32' || kind === 'int64' || kind === 'uint64') {
        if (ch !== 45 && (ch < 48 || ch > 57)) return -1;
        end = skipValue(text, v);
        const literal = text.slice(v, end);
        if (goIntProblem(literal, kind) !== undefined) return -1;
        target[field] = kind === 'int32' || kind === 'uint32' ? goInt32(literal) : goInt64(literal);
      } else return -1;
    }
    j = skipSpace(text, end);
    if (text.charCodeAt(j) === 44) j = skipSpace(text, j + 1);
  }
}
