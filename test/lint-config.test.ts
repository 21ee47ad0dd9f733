/**
 * The linter and formatter `npm test` runs (issue 16 §17): `npm run lint` is part of the test
 * script; ESLint's config catches a real mistake in a source file; Prettier's config holds a
 * print width of 120 and leaves generated files to the generator.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);
/** Text is given on stdin as a file at this path of the repository, so that its configs apply (no file is written). */
const AS_FILE = 'packages/mock/src/lint-probe.ts';

describe('lint (16 §17)', () => {
  it('is part of npm test', () => {
    const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;
    expect(scripts.test).toContain('npm run -s lint');
    expect(scripts.lint).toMatch(/eslint .*&& prettier .*--check/);
  });

  it('ESLint finds an unused variable and a non-const binding in a TypeScript file', () => {
    const text = 'export function f(): number {\n  let x = 1;\n  const unused = 2;\n  return x;\n}\n';
    const run = spawnSync(bin('eslint'), ['--stdin', '--stdin-filename', AS_FILE], {
      cwd: root,
      input: text,
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('prefer-const');
    expect(run.stdout).toContain('@typescript-eslint/no-unused-vars');
  });

  it('Prettier wraps at 120 columns and ignores generated files', () => {
    const call = (width: number) => {
      const head = 'export const value = f(';
      const args = `'${'x'.repeat(width - head.length - 7)}', 1`;
      return `${head}${args});\n`;
    };
    const format = (text: string) =>
      execFileSync(bin('prettier'), ['--stdin-filepath', AS_FILE], { cwd: root, input: text, encoding: 'utf8' });
    expect(call(118)).toHaveLength(119);
    expect(format(call(118))).toBe(call(118)); // kept on one line: not 80 or 100 columns
    expect(format(call(124)).split('\n').length).toBeGreaterThan(2); // over 120: wrapped
    const generated = path.join(root, 'packages/validators/src/gen/protocol.gen.ts');
    const listed = spawnSync(bin('prettier'), ['--list-different', generated], { cwd: root, encoding: 'utf8' });
    expect(listed.stdout).toBe('');
    expect(listed.status).toBe(0);
  });
});
