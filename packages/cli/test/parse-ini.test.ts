import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getOption, InterpolationError } from '../src/config/interpolate.js';
import { IniSyntaxError, parseIni, type IniFile } from '../src/config/parse-ini.js';

/** Every section's options (own and inherited), interpolated, or the error's problem. */
function view(file: IniFile): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, options] of file.sections) {
    const section: Record<string, string> = {};
    for (const option of new Set([...file.defaults.keys(), ...options.keys()])) {
      try {
        section[option] = getOption(file, name, option) ?? '<undefined>';
      } catch (error) {
        section[option] = `<${(error as InterpolationError).problem}>`;
      }
    }
    out[name] = section;
  }
  return out;
}

function problemOf(text: string): string {
  try {
    parseIni(text);
    return 'none';
  } catch (error) {
    return `${(error as IniSyntaxError).problem}@${(error as IniSyntaxError).line}`;
  }
}

// Expected values are what Python 3.11's configparser.ConfigParser() gives for the same text
// (checked by hand and, when python3 is installed, by ini-python-parity.test.ts).
describe('parseIni: what cent 1.1.0 (Python configparser) read', () => {
  it('reads sections, both delimiters, and keeps values as written', () => {
    const file = parseIni('[local]\naddress = http://localhost:8000\nsecret: a#b;c "q" \'x\'\ntimeout=5\n');
    expect(view(file)).toEqual({
      local: { address: 'http://localhost:8000', secret: 'a#b;c "q" \'x\'', timeout: '5' },
    });
  });

  it('splits at the first delimiter and strips around it', () => {
    expect(view(parseIni('[s]\n  a b  =  x = y : z  \nc:d=e\n'))).toEqual({ s: { 'a b': 'x = y : z', c: 'd=e' } });
  });

  it('lower-cases option names; section names stay case-sensitive', () => {
    const file = parseIni('[Prod]\nSECRET = S\nAddress = A\n[prod]\nsecret = s\naddress = a\n');
    expect(view(file)).toEqual({ Prod: { secret: 'S', address: 'A' }, prod: { secret: 's', address: 'a' } });
  });

  it('inherits [DEFAULT] and lets a section override it; DEFAULT is not a section', () => {
    const file = parseIni('[DEFAULT]\nsecret = shared\ntimeout = 3\n[a]\naddress = x\n[b]\nsecret = own\n');
    expect([...file.sections.keys()]).toEqual(['a', 'b']);
    expect(view(file)).toEqual({
      a: { secret: 'shared', timeout: '3', address: 'x' },
      b: { secret: 'own', timeout: '3' },
    });
  });

  it('skips full-line comments (also indented), keeps empty lines inside continued values', () => {
    const text =
      '# top\n; top\n[s]\nkey = first\n  second\n\n  third\n  # not part of it\n   ; nor this\nnext = 1\n\n\n';
    expect(view(parseIni(text))).toEqual({ s: { key: 'first\nsecond\n\nthird', next: '1' } });
  });

  it("takes CRLF and CR line ends, keeps a section header's inner spaces, ignores text after ]", () => {
    expect(view(parseIni('[ spaced ]  trailing\r\na = 1\rb = 2\r\n'))).toEqual({ ' spaced ': { a: '1', b: '2' } });
    expect(view(parseIni('[a]b]\nx = 1\n'))).toEqual({ 'a]b': { x: '1' } });
  });

  it('allows an empty value and a repeated [DEFAULT]', () => {
    expect(view(parseIni('[DEFAULT]\na =\n[s]\n[DEFAULT]\nb = 2\n'))).toEqual({ s: { a: '', b: '2' } });
  });

  it('refuses what configparser refuses, naming the line only', () => {
    expect(problemOf('address = x\n[s]\n')).toBe('no-section-header@1');
    expect(problemOf('\n# c\n  \nkey = v\n')).toBe('no-section-header@4');
    expect(problemOf('[a]\nx = 1\n[b]\n[a]\n')).toBe('duplicate-section@4');
    expect(problemOf('[a]\nx = 1\nX = 2\n')).toBe('duplicate-option@3');
    expect(problemOf('[DEFAULT]\nx = 1\n[DEFAULT]\nx = 2\n')).toBe('duplicate-option@4');
    expect(problemOf('[a]\njust-a-secret-line\n[b]\n')).toBe('bad-line@2');
    expect(problemOf('[a]\n= value\n')).toBe('bad-line@2');
    expect(problemOf('[]\n')).toBe('no-section-header@1');
    // A duplicate is raised at once, a bad line only at the end of the file.
    expect(problemOf('[a]\nbad\n[a]\n')).toBe('duplicate-section@3');
  });

  it("never puts a line's content in an error", () => {
    try {
      parseIni('[a]\nsuper-secret-value\n');
    } catch (error) {
      expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('super-secret');
    }
  });
});

describe('interpolation (configparser BasicInterpolation)', () => {
  const file = parseIni(
    [
      '[DEFAULT]',
      'host = localhost',
      'base = http://%(host)s',
      '[s]',
      'address = %(base)s:8000',
      'secret = 100%%sure',
      'loop = %(loop)s',
      'bad = 50%off',
      'trail = 5%',
      'ref = %(nope)s',
      'malformed = %(host)x',
      'upper = %(HOST)s',
      'eleven = %(ten)s',
      'ten = %(nine)s',
      'nine = %(eight)s',
      'eight = %(seven)s',
      'seven = %(six)s',
      'six = %(five)s',
      'five = %(four)s',
      'four = %(three)s',
      'three = %(two)s',
      'two = %(one)s',
      'one = %%',
    ].join('\n'),
  );

  it('expands %(name)s from the section and [DEFAULT], recursively, and %% to %', () => {
    expect(getOption(file, 's', 'address')).toBe('http://localhost:8000');
    expect(getOption(file, 's', 'SECRET')).toBe('100%sure');
    expect(getOption(file, 's', 'upper')).toBe('localhost');
    expect(getOption(file, 's', 'missing')).toBeUndefined();
  });

  it('stops at 10 levels, as configparser does', () => {
    expect(getOption(file, 's', 'ten')).toBe('%');
    expect(() => getOption(file, 's', 'eleven')).toThrow(expect.objectContaining({ problem: 'too-deep' }));
    expect(() => getOption(file, 's', 'loop')).toThrow(expect.objectContaining({ problem: 'too-deep' }));
  });

  it('refuses a lone %, a malformed or a missing reference, naming the option, never the value', () => {
    expect(() => getOption(file, 's', 'bad')).toThrow(
      expect.objectContaining({ problem: 'lone-percent', option: 'bad', section: 's' }),
    );
    expect(() => getOption(file, 's', 'trail')).toThrow(expect.objectContaining({ problem: 'lone-percent' }));
    expect(() => getOption(file, 's', 'malformed')).toThrow(expect.objectContaining({ problem: 'bad-reference' }));
    expect(() => getOption(file, 's', 'ref')).toThrow(
      expect.objectContaining({ problem: 'missing-reference', reference: 'nope' }),
    );
    try {
      getOption(file, 's', 'bad');
    } catch (error) {
      expect((error as Error).message).not.toContain('off');
    }
  });
});

describe("the README's .centrc example", () => {
  it('reads as the README says', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const text = /```ini\n([^]*?)```/.exec(readme)?.[1] ?? '';
    const file = parseIni(text);
    expect([...file.sections.keys()]).toEqual(['bananas', 'bananas-staging']);
    expect(getOption(file, 'bananas', 'secret')).toBe('long-secret-key-for-bananas-project');
    expect(getOption(file, 'bananas', 'timeout')).toBe('5');
    expect(getOption(file, 'bananas-staging', 'secret')).toBe('100%-staging#1');
  });
});
