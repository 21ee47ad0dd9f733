/**
 * JWT claims as Centrifugo v6 decodes them (jwtverify `ConnectTokenClaims`,
 * `SubscribeTokenClaims`: encoding/json into Go types): keys matched in any case (the last
 * match wins), a claim of the wrong JSON type fails the token (→ invalid token), `exp` `nbf`
 * `iat` are numbers (or numeric strings), `aud` a string or a list of strings, `info` `data`
 * `meta` any JSON (kept as their own text, as json.RawMessage does), `expire_at` an integer.
 * Nothing here checks signatures.
 */
import { checkJson, skipSpace } from '../../json/scan.js';
import { unquote } from '../../json/unquote.js';
import { forEachMember } from '../../json/walk.js';

export class ClaimsError extends Error {
  override readonly name = 'ClaimsError';
}

export interface BoolOverride {
  readonly presence?: boolean;
  readonly join_leave?: boolean;
  readonly force_push_join_leave?: boolean;
  readonly force_recovery?: boolean;
  readonly force_positioning?: boolean;
}

export interface SubscribeOptionsClaim {
  /** Raw JSON text, or undefined. */
  readonly info: string | undefined;
  readonly b64info: string;
  readonly data: string | undefined;
  readonly b64data: string;
  readonly override: BoolOverride | undefined;
}

export interface Claims extends SubscribeOptionsClaim {
  readonly sub: string;
  readonly aud: readonly string[];
  readonly iss: string;
  /** Seconds (fractions kept), undefined when absent. */
  readonly exp: number | undefined;
  readonly nbf: number | undefined;
  readonly expireAt: number | undefined;
  readonly channels: readonly string[];
  readonly subs: ReadonlyMap<string, SubscribeOptionsClaim>;
  readonly meta: string | undefined;
  readonly channel: string;
  readonly client: string;
  /** The payload as parsed (for `user_id_claim`). */
  readonly payload: Record<string, unknown>;
}

/** An object's members by lower-cased key (Go's case-insensitive match; the last one wins): raw text and value. */
type Obj = ReadonlyMap<string, { readonly text: string; readonly value: unknown }>;

function members(text: string, at: number): Obj {
  const out = new Map<string, { text: string; value: unknown }>();
  forEachMember(text, at, (m) => {
    const raw = text.slice(m.valueStart, m.valueEnd);
    out.set(unquote(text, m.keyStart, m.keyEnd).toLowerCase(), { text: raw, value: JSON.parse(raw) as unknown });
  });
  return out;
}

function objectAt(o: Obj, name: string): Obj | undefined {
  const m = o.get(name);
  if (m === undefined || m.value === null) return undefined;
  if (typeof m.value !== 'object' || Array.isArray(m.value)) throw new ClaimsError(`${name} is not an object`);
  return members(m.text, 0);
}

const field = (o: Obj, name: string): unknown => o.get(name)?.value;

function str(o: Obj, name: string): string {
  const v = field(o, name);
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new ClaimsError(`${name} is not a string`);
  return v;
}

/** json.RawMessage: the value's own text (null included). */
function raw(o: Obj, name: string): string | undefined {
  return o.get(name)?.text;
}

function date(o: Obj, name: string): number | undefined {
  const v = field(o, name);
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' && /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new ClaimsError(`${name} is not a date`);
  return n;
}

function strings(o: Obj, name: string): string[] {
  const v = field(o, name);
  if (v === undefined || v === null) return [];
  if (typeof v === 'string' && name === 'aud') return [v];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw new ClaimsError(`${name} is not a list of strings`);
  return v as string[];
}

function override(o: Obj): BoolOverride | undefined {
  const ov = objectAt(o, 'override');
  if (ov === undefined) return undefined;
  const out: Record<string, boolean> = {};
  for (const k of ['presence', 'join_leave', 'force_push_join_leave', 'force_recovery', 'force_positioning']) {
    const b = objectAt(ov, k);
    if (b === undefined) continue;
    const value = field(b, 'value') ?? false;
    if (typeof value !== 'boolean') throw new ClaimsError(`override.${k}.value is not a bool`);
    out[k] = value;
  }
  return out;
}

function subscribeOptions(o: Obj): SubscribeOptionsClaim {
  return {
    info: raw(o, 'info'),
    b64info: str(o, 'b64info'),
    data: raw(o, 'data'),
    b64data: str(o, 'b64data'),
    override: override(o),
  };
}

export function decodeClaims(payload: Uint8Array): Claims {
  const text = Buffer.from(payload).toString('utf8');
  if (checkJson(text) !== undefined) throw new ClaimsError('claims are not JSON');
  const at = skipSpace(text, 0);
  if (text.startsWith('null', at)) return decodeClaims(Buffer.from('{}'));
  if (text.charCodeAt(at) !== 123) throw new ClaimsError('claims are not an object');
  const o = members(text, at);
  const subs = new Map<string, SubscribeOptionsClaim>();
  const subsText = o.get('subs');
  if (subsText !== undefined && subsText.value !== null) {
    if (typeof subsText.value !== 'object' || Array.isArray(subsText.value))
      throw new ClaimsError('subs is not an object');
    forEachMember(subsText.text, 0, (m) => {
      const v = subsText.text.slice(m.valueStart, m.valueEnd);
      if (v !== 'null' && v.charCodeAt(0) !== 123) throw new ClaimsError('subs entries are objects');
      subs.set(
        unquote(subsText.text, m.keyStart, m.keyEnd),
        subscribeOptions(v === 'null' ? new Map() : members(v, 0)),
      );
    });
  }
  const expireAt = field(o, 'expire_at');
  if (expireAt !== undefined && expireAt !== null && !Number.isSafeInteger(expireAt))
    throw new ClaimsError('expire_at is not an integer');
  str(o, 'jti');
  date(o, 'iat');
  return {
    ...subscribeOptions(o),
    sub: str(o, 'sub'),
    aud: strings(o, 'aud'),
    iss: str(o, 'iss'),
    exp: date(o, 'exp'),
    nbf: date(o, 'nbf'),
    expireAt: expireAt === undefined || expireAt === null ? undefined : (expireAt as number),
    channels: strings(o, 'channels'),
    subs,
    meta: raw(o, 'meta'),
    channel: str(o, 'channel'),
    client: str(o, 'client'),
    payload: JSON.parse(text) as Record<string, unknown>,
  };
}
