import type { SourceFile } from 'ts-morph';
import { describe, expect, it, vi } from 'vitest';
import { loadProtocol } from '../src/diff/load-protocol.js';
import { runEmitters } from '../src/emit/run-emitters.js';
import type { FileStatement } from '../src/emit/file-statements.js';
import type { FormatScope } from '../src/emit/format-printed.js';
import { literal, printStatements } from '../src/emit/ts-file.js';
import { StructureKind, VariableDeclarationKind } from '../src/emit/ts-morph.js';
import { speedUpJobs } from './support/speed-up-jobs.js';
import { repoRoot } from './support/workspace.js';

/** Every file the emitters print in this test: the fast formatting and the plain one of the same built file. */
const printed = vi.hoisted(
  () => [] as { file: string; built: string; fast: string; plain: string; scope: 'all' | string[] }[],
);

/** The plain path (the reference): ts-morph's formatText, then the header inserted, as ts-file.ts did before the speed-up. */
function plain(file: SourceFile, header: string): string {
  file.formatText({ indentSize: 2, tabSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
  file.insertText(0, `${header}\n\n`);
  return `${file.getFullText().replace(/\s+$/, '')}\n`;
}

vi.mock('../src/emit/format-printed.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/emit/format-printed.js')>();
  return {
    formatPrinted: (file: SourceFile, header: string, deferred: [] = [], scope: FormatScope = 'all'): string => {
      const built = `${header}\n\n${file.getFullText()}`;
      const fast = original.formatPrinted(file, header, deferred, scope) as string;
      printed.push({
        file: file.getBaseName(),
        built,
        fast,
        plain: plain(file, header),
        scope: scope === 'all' ? scope : [...scope].sort(),
      });
      return fast;
    },
  };
});

// The files as built with every JSON constant in them (deferred-json.ts has its own test): the formatting of those is what is checked here.
vi.mock('../src/emit/deferred-json.js', () => ({
  jsonDeferral: () => ({ defer: <T>(statement: T): T => statement, literals: [] }),
}));

/** A made-up JSON value from a seeded generator: nested objects and arrays, empty ones, strings that need escapes, numbers. */
function madeUpJson(seed: number): unknown {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const strings = [
    '',
    'plain',
    'a "quoted" word',
    'back\\slash',
    'line\nbreak',
    'tab\there',
    'ünï€ødé',
    '*/ not a comment end',
    '${template}',
    "it's",
  ];
  const value = (depth: number): unknown => {
    const pick = Math.floor(next() * (depth > 3 ? 5 : 8));
    if (pick === 0) return strings[Math.floor(next() * strings.length)];
    if (pick === 1) return Math.round((next() - 0.5) * 1e6) / 100;
    if (pick === 2) return next() < 0.5;
    if (pick === 3) return null;
    if (pick === 4) return Math.floor(next() * 1000);
    if (pick === 5) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    return Object.fromEntries(
      Array.from({ length: Math.floor(next() * 4) }, (_, i) => [
        `${strings[i % strings.length]}${i}`,
        value(depth + 1),
      ]),
    );
  };
  return value(0);
}

describe('formatting the tree a file was built with (a speed-up) against formatText and insertText (the reference)', () => {
  it.each(speedUpJobs('format-printed'))(
    'gives the same bytes on every TypeScript file printed for %s',
    async (_name, jobs) => {
      printed.length = 0;
      for (const job of jobs()) await runEmitters((await loadProtocol(job.schemaDir, repoRoot)).ir, job.emitters);
      expect(printed.map((p) => p.file)).toEqual(
        expect.arrayContaining(['client.gen.ts', 'protocol.gen.ts', 'validators.gen.ts']),
      );
      for (const { file, fast, plain: reference } of printed) expect(fast, file).toBe(reference);
      // The formatter had work to do: a file as built is not a file as printed.
      expect(printed.some(({ built, fast }) => fast !== `${built.replace(/\s+$/, '')}\n`)).toBe(true);
      // And it was run on part of a file only: of the validators' wrapper, on the method table alone.
      expect(printed.filter((p) => p.file === 'validators.gen.ts').map((p) => p.scope)).toEqual(
        jobs().map(() => ['methodValidators']),
      );
    },
  );

  it('gives the same bytes on constants holding made-up JSON values (the JSON skeleton)', () => {
    printed.length = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const value = madeUpJson(seed);
      const constant = (name: string, initializer: string, type?: string): FileStatement => ({
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        docs: [{ description: `Value ${seed}.` }],
        declarations: [{ name, initializer, ...(type === undefined ? {} : { type }) }],
      });
      printStatements('made-up.ts', 'test', [
        constant('plain', literal(value)),
        constant('frozen', `${literal(value)} as const`),
        constant('checked', `${literal([value, { nested: value }])} satisfies unknown`, 'unknown'),
      ]);
    }
    expect(printed).toHaveLength(60);
    for (const { file, fast, plain: reference } of printed) expect(fast, file).toBe(reference);
  });
});
