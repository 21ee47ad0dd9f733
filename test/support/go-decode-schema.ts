/**
 * Go's `json.Unmarshal` into the structs a wire schema describes (Centrifugo v6 decodes request
 * bodies into protoc-gen-go structs with encoding/json), to see a request as the server sees it:
 *
 * - struct fields (`properties`) match keys exactly, else case-insensitively (`foldKey`); the
 *   canonical name is kept, unknown keys are kept as they were (the wire view accepts them);
 * - map keys (`additionalProperties` without `properties`) are kept exactly; the last duplicate wins;
 * - `null` leaves any field at its zero value: it is kept as `null` for the schema to judge;
 * - an integer field takes only an integer literal within its range (`1.0`, `1e2`, `-1` for an
 *   unsigned field fail the whole decode). That is not a schema matter, so it comes back as an error.
 *
 * Wrong JSON types are left in place: the wire schema refuses them, as the decode would.
 */
import { foldKey, isGoNumber, isGoObject, toPlain, type GoValue } from './go-json.js';

export type JsonSchema = { readonly [key: string]: unknown };

export interface GoDecoded {
  /** The value with struct keys canonical (what a schema should see). */
  readonly value: unknown;
  /** Decode failures the schema cannot see (integer literals), as `path: reason`. */
  readonly errors: readonly string[];
}

/** Resolves `#/definitions/<Name>` refs of the bundled wire view. */
export type ResolveRef = (ref: string) => JsonSchema;

export function decodeGo(v: GoValue, schema: JsonSchema, resolve: ResolveRef): GoDecoded {
  const errors: string[] = [];
  const value = decode(v, schema, resolve, '', errors);
  return { value, errors };
}

function decode(v: GoValue, schema: JsonSchema, resolve: ResolveRef, at: string, errors: string[]): unknown {
  const ref = schema['$ref'];
  if (typeof ref === 'string') return decode(v, resolve(ref), resolve, at, errors);
  if (v === null) return null;
  const types = schema['type'] === undefined ? [] : ([] as unknown[]).concat(schema['type']);
  const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
  const additional = schema['additionalProperties'];
  if (properties !== undefined && isGoObject(v)) {
    const byFold = new Map(Object.keys(properties).map((name) => [foldKey(name), name]));
    const out: Record<string, unknown> = {};
    for (const [key, val] of v.entries) {
      const field = key in properties ? key : byFold.get(foldKey(key));
      const decoded = field === undefined ? toPlain(val) : decode(val, properties[field] as JsonSchema, resolve, `${at}/${field}`, errors);
      Object.defineProperty(out, field ?? key, { value: decoded, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (properties === undefined && additional !== null && typeof additional === 'object' && isGoObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [key, val] of v.entries) {
      Object.defineProperty(out, key, { value: decode(val, additional as JsonSchema, resolve, `${at}/${key}`, errors), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (Array.isArray(v) && schema['items'] !== undefined) return v.map((item, i) => decode(item, schema['items'] as JsonSchema, resolve, `${at}/${i}`, errors));
  if (isGoNumber(v) && types.includes('integer') && !types.includes('number')) {
    const min = schema['minimum'] as number | undefined;
    const max = schema['maximum'] as number | undefined;
    if (!/^-?\d+$/.test(v.text)) errors.push(`${at || '/'}: ${v.text} is not an integer literal`);
    else if ((min !== undefined && BigInt(v.text) < BigInt(min)) || (max !== undefined && BigInt(v.text) > BigInt(max))) errors.push(`${at || '/'}: ${v.text} is out of range`);
  }
  return toPlain(v);
}
