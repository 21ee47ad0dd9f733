/**
 * The test corpus lives in the repository: no test, test helper or bench reads a file outside it
 * (the golden transcripts are fixtures under test/fixtures/, not files beside the checkout).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNED = [
  'test',
  'generator/test',
  'packages/validators/test',
  'packages/client/test',
  'packages/mock/test',
  'packages/cli/test',
  'bench',
  'scripts',
];
// What reaching the shared notes beside the checkout looks like (built from parts, so that this
// file does not match itself): the notes' protocol folder by path or by path segments, or /work.
const NOTES = ['sha', 'red'].join('');
const OUTSIDE = [
  new RegExp(`${NOTES}/protocol`),
  new RegExp(`${NOTES}['"],\\s*['"]protocol`),
  new RegExp(`['"\`]/${'work'}/`),
];

function outside(line: string): boolean {
  return OUTSIDE.some((re) => re.test(line));
}

function sources(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = path.join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name === 'dist') return [];
    if (statSync(file).isDirectory()) return sources(file);
    return /\.(ts|js|mjs)$/.test(name) ? [file] : [];
  });
}

describe('test corpus', () => {
  it('is read from inside the repository only', () => {
    const files = SCANNED.flatMap((dir) => sources(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(50);
    const reaching = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => outside(line))
        .map(({ line, i }) => `${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`),
    );
    expect(reaching).toEqual([]);
  });

  it('holds the 1.x golden files the tests read', () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'centrifugo-v1');
    const lines = readFileSync(path.join(dir, 'server-transcripts.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '');
    expect(lines.length).toBe(214);
    expect((JSON.parse(readFileSync(path.join(dir, 'oracle-config.json'), 'utf8')) as { secret: string }).secret).toBe(
      's3cr3t',
    );
  });
});
