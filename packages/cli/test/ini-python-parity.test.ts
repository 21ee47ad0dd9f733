/**
 * The INI reader against the real thing: each text is read by Python 3's configparser (what
 * cent 1.1.0 used) and by `parseIni` + `getOption`, and every section's options, values and
 * errors must agree. Hand-picked texts plus seeded random ones. Skipped without python3.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOption, InterpolationError } from '../src/config/interpolate.js';
import { IniSyntaxError, parseIni } from '../src/config/parse-ini.js';

const hasPython = spawnSync('python3', ['-c', 'import configparser'], { stdio: 'ignore' }).status === 0;

const PYTHON = String.raw`
import configparser, json, sys
KIND = {
  'MissingSectionHeaderError': 'no-section-header', 'DuplicateSectionError': 'duplicate-section',
  'DuplicateOptionError': 'duplicate-option', 'ParsingError': 'bad-line',
  'InterpolationSyntaxError': 'syntax', 'InterpolationMissingOptionError': 'missing-reference',
  'InterpolationDepthError': 'too-deep',
}
out = []
for path in json.load(sys.stdin):
  c = configparser.ConfigParser()
  try:
    c.read(path, encoding='utf-8')
  except configparser.Error as e:
    out.append({'error': KIND[type(e).__name__]})
    continue
  sections = {}
  for s in c.sections():
    opts = {}
    for o in c.options(s):
      try:
        opts[o] = c.get(s, o)
      except configparser.Error as e:
        opts[o] = '<' + KIND[type(e).__name__] + '>'
    sections[s] = opts
  out.append({'sections': sections})
print(json.dumps(out))
`;

type Outcome = { error: string } | { sections: Record<string, Record<string, string>> };

function ours(text: string): Outcome {
  let file;
  try {
    file = parseIni(text);
  } catch (error) {
    return { error: (error as IniSyntaxError).problem };
  }
  const sections: Record<string, Record<string, string>> = {};
  for (const [name, options] of file.sections) {
    const opts: Record<string, string> = {};
    for (const option of new Set([...options.keys(), ...file.defaults.keys()])) {
      try {
        opts[option] = getOption(file, name, option) ?? '<undefined>';
      } catch (error) {
        const problem = (error as InterpolationError).problem;
        opts[option] = `<${problem === 'lone-percent' || problem === 'bad-reference' ? 'syntax' : problem}>`;
      }
    }
    sections[name] = opts;
  }
  return { sections };
}

const HAND_PICKED = [
  '[local]\naddress = http://localhost:8000\nsecret = long-secret-key-for-bananas-project\ntimeout = 5\n',
  '[s]\nsecret = a#b ;c\naddress: http://x\n',
  '[s]\nsecret = "quoted"\nother = \'single\'\nflag = true\nnull = null\n',
  '[DEFAULT]\nsecret = d\n[a]\naddress = x\n[b]\nsecret = own\n',
  '[my.project]\naddress = x\n[a.b.c]\nsecret = y\n',
  '[s]\nkey = first\n  second\n\n  third\n  # comment\nnext = 1\n\n\n',
  '[s]\n\tkey = tabbed\n\t  more\nafter = 2\n',
  '[s]\r\na = 1\r\nb = 2\r\n',
  '[s]\ra = 1\rb = 2\r',
  '[ spaced ] tail\nx = 1\n',
  '[a]b]\nx = 1\n',
  '[s]\nx = 100%%\ny = %(x)s and %%\nz = 50%off\nw = %(missing)s\nv = %(x)x\nu = 5%\n',
  '[DEFAULT]\nhost = h\nbase = http://%(host)s\n[s]\naddress = %(BASE)s:8000\nloop = %(loop)s\n',
  '[s]\nten = %(nine)s\nnine = %(eight)s\neight = %(seven)s\nseven = %(six)s\nsix = %(five)s\nfive = %(four)s\nfour = %(three)s\nthree = %(two)s\ntwo = %(one)s\none = %%\n',
  '[s]\neleven = %(ten)s\nten = %(nine)s\nnine = %(eight)s\neight = %(seven)s\nseven = %(six)s\nsix = %(five)s\nfive = %(four)s\nfour = %(three)s\nthree = %(two)s\ntwo = %(one)s\none = %%\n',
  'address = x\n',
  '[a]\n[a]\n',
  '[a]\nx = 1\nX = 2\n',
  '[a]\nbad line\n',
  '[a]\n= v\n',
  '[]\n',
  '[DEFAULT]\nx = 1\n[DEFAULT]\ny = 2\n[s]\n',
  '[s]\nkey\u00a0=\u00a0nbsp\u00a0\n\u2003k2 = em-space indent\n',
  '[s]\nkey = v\n\u000bcont = vt\n',
  '[s]\nkey = v\n\u001ccont = fs\n',
  '[s]\nÄddress = ü\n',
  '[s]\na = 1\n   \n  b\n',
  '# only a comment\n',
  '',
  '[s]\na = x\n ; indented comment\n  y\n',
  '[s]\na = [1, 2]\nb = {"k": 1}\n',
];

/** Seeded random INI-ish texts, built from the fragments where parsers tend to differ. */
function randomTexts(count: number, seed: number): string[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const names = ['a', 'B', 'DEFAULT', 'sec.tion', ' s ', 'x]y'];
  const keys = ['address', 'Secret', 'timeout', 'k', 'K', 'two words', 'host'];
  const values = [
    'v',
    'a#b',
    'a ; b',
    '"q"',
    '100%%',
    '%(host)s',
    '%(k)s',
    '50%',
    '%(none)s',
    '',
    'x = y',
    'a:b',
    '  spaced  ',
    'true',
    '%(Host)s/x',
  ];
  const delimiters = ['=', ' = ', ':', ' : ', '\t=\t'];
  const indents = ['', '', '', ' ', '  ', '\t'];
  const ends = ['\n', '\n', '\r\n', '\r'];
  const texts: string[] = [];
  for (let t = 0; t < count; t++) {
    const lines: string[] = [];
    if (next() < 0.9) lines.push(`[${pick(names)}]`);
    for (let l = 0, n = 1 + Math.floor(next() * 10); l < n; l++) {
      const r = next();
      if (r < 0.12) lines.push(`[${pick(names)}]`);
      else if (r < 0.2) lines.push(`${pick(indents)}${pick(['#', ';'])} comment`);
      else if (r < 0.27) lines.push(pick(['', '  ']));
      else if (r < 0.35) lines.push(`${pick([' ', '  ', '\t'])}${pick(values)}`);
      else if (r < 0.38) lines.push(pick(['bad line', '= v']));
      else lines.push(`${pick(indents)}${pick(keys)}${pick(delimiters)}${pick(values)}`);
    }
    texts.push(lines.map((line) => line + pick(ends)).join(''));
  }
  return texts;
}

describe.skipIf(!hasPython)('parseIni + getOption agree with Python 3 configparser', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cent-ini-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function python(texts: readonly string[]): Promise<Outcome[]> {
    const files = await Promise.all(
      texts.map(async (text, i) => {
        const file = path.join(dir, `${i}.ini`);
        await writeFile(file, text);
        return file;
      }),
    );
    return JSON.parse(
      execFileSync('python3', ['-c', PYTHON], { input: JSON.stringify(files), encoding: 'utf8' }),
    ) as Outcome[];
  }

  it('on hand-picked texts', async () => {
    const expected = await python(HAND_PICKED);
    HAND_PICKED.forEach((text, i) => expect({ text, ...ours(text) }).toEqual({ text, ...expected[i] }));
  });

  it('on 400 seeded random texts', async () => {
    const texts = randomTexts(400, 20151104);
    const expected = await python(texts);
    texts.forEach((text, i) => expect({ text, ...ours(text) }).toEqual({ text, ...expected[i] }));
  });
});
