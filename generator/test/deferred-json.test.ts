import { describe, expect, it, vi } from 'vitest';
import type { FileStatement } from '../src/emit/file-statements.js';
import { literal, printStatements } from '../src/emit/ts-file.js';
import { StructureKind, VariableDeclarationKind } from '../src/emit/ts-morph.js';
import { emitAll, speedUpJobs } from './support/speed-up-jobs.js';
import { withAndWithout } from './support/speed-up-switch.js';

/** Whether the deferral runs (the speed-up) or leaves every statement as it is (the reference), and what it deferred. */
const deferral = vi.hoisted(() => ({ on: true, count: 0 }));

vi.mock('../src/emit/deferred-json.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/emit/deferred-json.js')>();
  return {
    jsonDeferral: () => {
      if (!deferral.on) return { defer: <T>(statement: T): T => statement, literals: [] };
      const made = original.jsonDeferral();
      return {
        defer: <T>(statement: T): T => {
          const before = made.literals.length;
          const deferred = made.defer(statement);
          deferral.count += made.literals.length - before;
          return deferred;
        },
        literals: made.literals,
      };
    },
  };
});

/** The files of `print()` with the deferral and without it, and how many literals it deferred. */
async function both<T>(print: () => Promise<T>): Promise<{ fast: T; plain: T; deferred: number }> {
  const { fast, plain, count } = await withAndWithout(deferral, print);
  return { fast, plain, deferred: count };
}

describe('JSON constants left out of the built file (a speed-up) against printing them into it (the reference)', () => {
  it.each(speedUpJobs('deferred-json'))('gives the same bytes on every file generated for %s', async (_name, jobs) => {
    const files = () => emitAll(jobs());
    const { fast, plain, deferred } = await both(files);
    // The protocol table, the client's tables, the mock's structs: some literal was left out.
    expect(deferred).toBeGreaterThan(2);
    expect(fast.map((f) => f.path)).toEqual(plain.map((f) => f.path));
    for (const [i, file] of fast.entries()) expect(file.content, file.path).toBe(plain[i]?.content);
  });

  it('gives the same bytes on constants holding JSON values whose strings trouble a printer', async () => {
    const strings = [
      '',
      'a "quoted" word',
      'back\\slash',
      'ends with a backslash\\',
      'line\nbreak',
      "it's `ticked` ${template}",
      '/* not a comment */ // nor this',
      '/regex?/',
      '{ brace',
      'sep\u2028arator',
      '__deferredJson_0_',
    ];
    const values: unknown[] = [
      [],
      {},
      ...strings,
      strings,
      Object.fromEntries(strings.map((s, i) => [s, { i, s, list: [s, [s]] }])),
      // An escaped backslash before a closing quote, then a backtick on that line: the writer's string tracking loses step.
      { 'ends with a backslash\\': 'a `tick`', next: ['x'] },
    ];
    const constant = (name: string, initializer: string, type?: string): FileStatement => ({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: `${name}, from "${String(strings[1])}"` }],
      declarations: [{ name, initializer, ...(type === undefined ? {} : { type }) }],
    });
    const print = async () =>
      values.map((value, i) =>
        printStatements('made-up.ts', 'test', [
          { kind: StructureKind.ImportDeclaration, moduleSpecifier: './x.js', namedImports: ['X'] },
          constant('plain', literal(value)),
          constant('frozen', `${literal(value)} as const`),
          constant('checked', `${literal([value, { nested: value }])} as const satisfies X.Y`, 'unknown'),
          { kind: StructureKind.TypeAlias, isExported: true, name: `T${i}`, type: 'typeof plain' },
          constant('after', `${literal(value)} satisfies unknown`),
        ]),
      );
    const { fast, plain, deferred } = await both(print);
    expect(deferred).toBeGreaterThan(values.length / 2);
    expect(fast).toEqual(plain);
  });
});
