/**
 * Option lookup with Python's `configparser.BasicInterpolation`, as cent 1.1.0 read its
 * settings: a section's own options first, then `[DEFAULT]`'s; `%%` is a literal `%`;
 * `%(name)s` is replaced by option `name` (case-insensitive) of the same section or of
 * `[DEFAULT]`, itself interpolated, at most 10 levels deep. Any other `%` is an error.
 */
import type { IniFile } from './parse-ini.js';

const MAX_DEPTH = 10;
const REFERENCE = /^%\(([^)]+)\)s/;

export type InterpolationProblem = 'lone-percent' | 'bad-reference' | 'missing-reference' | 'too-deep';

/**
 * A value configparser would refuse to expand. It names the option and, for a missing
 * reference, the referenced name; never the value (it may be the secret).
 */
export class InterpolationError extends Error {
  override name = 'InterpolationError';
  constructor(
    readonly problem: InterpolationProblem,
    readonly section: string,
    readonly option: string,
    readonly reference?: string,
  ) {
    super(`${problem} in option ${option} of section ${section}`);
  }
}

/** The raw value of `option` in `section` (or inherited from `[DEFAULT]`), or undefined. */
export function rawOption(file: IniFile, section: string, option: string): string | undefined {
  const name = option.toLowerCase();
  return file.sections.get(section)?.get(name) ?? file.defaults.get(name);
}

/** The interpolated value of `option` in `section`, or undefined when neither it nor `[DEFAULT]` has it. */
export function getOption(file: IniFile, section: string, option: string): string | undefined {
  const raw = rawOption(file, section, option);
  if (raw === undefined) return undefined;
  const out: string[] = [];
  expand(file, section, option.toLowerCase(), raw, out, 1);
  return out.join('');
}

function expand(file: IniFile, section: string, option: string, value: string, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) throw new InterpolationError('too-deep', section, option);
  let rest = value;
  while (rest !== '') {
    const at = rest.indexOf('%');
    if (at < 0) {
      out.push(rest);
      return;
    }
    out.push(rest.slice(0, at));
    rest = rest.slice(at);
    const next = rest.slice(1, 2);
    if (next === '%') {
      out.push('%');
      rest = rest.slice(2);
    } else if (next === '(') {
      const match = REFERENCE.exec(rest);
      if (match === null) throw new InterpolationError('bad-reference', section, option);
      const reference = (match[1] ?? '').toLowerCase();
      rest = rest.slice(match[0].length);
      const referenced = rawOption(file, section, reference);
      if (referenced === undefined) throw new InterpolationError('missing-reference', section, option, reference);
      if (referenced.includes('%')) expand(file, section, option, referenced, out, depth + 1);
      else out.push(referenced);
    } else {
      throw new InterpolationError('lone-percent', section, option);
    }
  }
}
