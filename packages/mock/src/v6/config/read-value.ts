/**
 * Reading config values the way viper and mapstructure do for Centrifugo: keys are matched
 * without regard to case, values are weakly typed (`"3"` is a fine int, `1` a fine bool), a
 * duration is a Go duration string or a number of nanoseconds, and an absent or zero value
 * takes the key's default. A value that cannot become the key's type fails start-up.
 */
import { CentrifugoConfigError } from './config-error.js';
import { parseGoDuration } from './go-duration.js';

export type Section = { readonly [key: string]: unknown };

/** The config tree with every object key lower-cased (viper's view of it). */
export function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(out, k.toLowerCase(), {
      value: lowerKeys(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/**
 * `config` as viper sees it (keys lower-cased) with `value` at the dotted `path`, as a
 * command-line flag bound to that key (`--http_api.insecure`) overrides the file: the sections on
 * the way are kept, whatever the case of their keys in the file.
 */
export function withValueAt(config: unknown, path: string, value: unknown): Section {
  const [key, ...rest] = path.toLowerCase().split('.');
  const root = (lowerKeys(config ?? {}) ?? {}) as Record<string, unknown>;
  const inner = root[key as string];
  const next =
    rest.length === 0
      ? value
      : withValueAt(
          inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? inner : {},
          rest.join('.'),
          value,
        );
  const out: Record<string, unknown> = { ...root };
  Object.defineProperty(out, key as string, { value: next, enumerable: true, writable: true, configurable: true });
  return out;
}

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

function typeError(path: string, want: string, got: unknown): CentrifugoConfigError {
  const kind = got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got;
  return new CentrifugoConfigError('invalid_config_value', path, {
    level: 'fatal',
    error: `error unmarshalling config: '${path}' expected type '${want}', got unconvertible type '${kind}'`,
    message: 'error getting config',
  });
}

export function section(s: Section, key: string, path: string): Section {
  const v = s[key];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw typeError(join(path, key), 'struct', v);
  return v as Section;
}

export function readString(s: Section, key: string, path: string, fallback = ''): string {
  const v = s[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'string') return v === '' ? fallback : v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  throw typeError(join(path, key), 'string', v);
}

export function readBool(s: Section, key: string, path: string): boolean {
  const v = s[key];
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') {
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
    if (['', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  }
  throw typeError(join(path, key), 'bool', v);
}

export function readInt(s: Section, key: string, path: string, fallback = 0): number {
  const v = s[key];
  if (v === undefined || v === null) return fallback;
  let n: number | undefined;
  if (typeof v === 'number' && Number.isFinite(v)) n = Math.trunc(v);
  else if (typeof v === 'boolean') n = v ? 1 : 0;
  else if (
    typeof v === 'string' &&
    /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|\d+)$/.test(v.replace(/_/g, ''))
  )
    n = Number(v.replace(/_/g, '').replace(/^([-+]?)0([0-7]+)$/, '$10o$2'));
  if (n === undefined || !Number.isSafeInteger(n)) throw typeError(join(path, key), 'int', v);
  return n === 0 ? fallback : n;
}

/** Nanoseconds. */
export function readDuration(s: Section, key: string, path: string, fallback = 0n): bigint {
  const v = s[key];
  if (v === undefined || v === null) return fallback;
  let ns: bigint | undefined;
  if (typeof v === 'number' && Number.isFinite(v)) ns = BigInt(Math.trunc(v));
  else if (typeof v === 'string') ns = v === '' ? 0n : parseGoDuration(v);
  if (ns === undefined) {
    throw new CentrifugoConfigError('invalid_config_value', join(path, key), {
      level: 'fatal',
      error: `error unmarshalling config: '${join(path, key)}' time: invalid duration ${JSON.stringify(String(v))}`,
      message: 'error getting config',
    });
  }
  return ns === 0n ? fallback : ns;
}

export function readStrings(s: Section, key: string, path: string): string[] {
  const v = s[key];
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v)) throw typeError(join(path, key), '[]string', v);
  return v.map((item, i) => readString({ x: item }, 'x', `${join(path, key)}[${i}]`));
}
