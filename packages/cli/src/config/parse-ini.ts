/**
 * An INI reader with the semantics of Python 3's `configparser.ConfigParser()` defaults, which is
 * what cent 1.1.0 read `~/.centrc` with (`RawConfigParser._read`, Python 3.11): delimiters `=`
 * and `:`; full-line comments only (`#`, `;`), so `secret = a#b` keeps `a#b`; values kept as
 * written (no unquoting, no type conversion); indented continuation lines; option names
 * lower-cased, section names case-sensitive; `[DEFAULT]` kept apart; duplicate sections and
 * options, lines before any section and lines without a delimiter are errors.
 * Interpolation (`%(name)s`, `%%`) is applied on lookup: see `interpolate.ts`.
 */

/** Python's `str.isspace()` characters (`\s` in its `re`), which differ from JavaScript's `\s`. */
const WS = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const STRIP = new RegExp(`^[${WS}]+|[${WS}]+$`, 'g');
const RSTRIP = new RegExp(`[${WS}]+$`);
const NON_SPACE = new RegExp(`[^${WS}]`);
const SECTION_HEADER = /^\[(.+)\]/s;
const OPTION_LINE = new RegExp(`^(.*?)[${WS}]*(=|:)[${WS}]*(.*)$`, 's');
const COMMENT_PREFIXES = ['#', ';'];
export const DEFAULT_SECTION = 'DEFAULT';

export type IniSyntaxProblem = 'no-section-header' | 'duplicate-section' | 'duplicate-option' | 'bad-line';

/** A file that configparser would refuse. Carries no line content (a line may hold a secret). */
export class IniSyntaxError extends Error {
  override name = 'IniSyntaxError';
  constructor(
    readonly problem: IniSyntaxProblem,
    readonly line: number,
    readonly section?: string,
    readonly option?: string,
  ) {
    super(`${problem} at line ${line}`);
  }
}

export interface IniFile {
  /** `[DEFAULT]`'s options: inherited by every section. */
  readonly defaults: ReadonlyMap<string, string>;
  /** The other sections in file order, by exact name; option names lower-cased, raw values. */
  readonly sections: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export function pyStrip(text: string): string {
  return text.replace(STRIP, '');
}

export function parseIni(text: string): IniFile {
  const defaults = new Map<string, string[]>();
  const sections = new Map<string, Map<string, string[]>>();
  const added = new Set<string>();
  let current: Map<string, string[]> | undefined;
  let sectionName = '';
  let option: string | undefined;
  let indentLevel = 0;
  let deferred: IniSyntaxError | undefined;

  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === '') lines.pop();
  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    const isComment = COMMENT_PREFIXES.some((prefix) => pyStrip(line).startsWith(prefix));
    const value = isComment ? '' : pyStrip(line);
    if (value === '') {
      // An empty line belongs to the value being read; a comment line does not.
      if (!isComment && current !== undefined && option) current.get(option)?.push('');
      continue;
    }
    const indent = NON_SPACE.exec(line)?.index ?? 0;
    if (current !== undefined && option && indent > indentLevel) {
      current.get(option)?.push(value);
      continue;
    }
    indentLevel = indent;
    const header = SECTION_HEADER.exec(value);
    if (header !== null) {
      sectionName = header[1] ?? '';
      if (sections.has(sectionName)) throw new IniSyntaxError('duplicate-section', lineNo, sectionName);
      if (sectionName === DEFAULT_SECTION) current = defaults;
      else {
        current = new Map();
        sections.set(sectionName, current);
      }
      option = undefined;
      continue;
    }
    if (current === undefined) throw new IniSyntaxError('no-section-header', lineNo);
    const match = OPTION_LINE.exec(value);
    if (match === null) {
      deferred ??= new IniSyntaxError('bad-line', lineNo, sectionName);
      continue;
    }
    const name = (match[1] ?? '').replace(RSTRIP, '');
    if (name === '') deferred ??= new IniSyntaxError('bad-line', lineNo, sectionName);
    option = name.toLowerCase();
    const key = `${sectionName}\u0000${option}`;
    if (added.has(key)) throw new IniSyntaxError('duplicate-option', lineNo, sectionName, option);
    added.add(key);
    current.set(option, [pyStrip(match[3] ?? '')]);
  }
  if (deferred !== undefined) throw deferred;
  const join = (options: Map<string, string[]>): Map<string, string> =>
    new Map([...options].map(([name, parts]) => [name, parts.join('\n').replace(RSTRIP, '')]));
  return { defaults: join(defaults), sections: new Map([...sections].map(([name, options]) => [name, join(options)])) };
}
