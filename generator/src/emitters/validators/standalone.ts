import { Ajv } from 'ajv';
import { StructureKind, VariableDeclarationKind } from '../../emit/ts-morph.js';
import { printStatements } from '../../emit/ts-file.js';
import { addBundles } from '../../ir/ajv-bundles.js';
import type { NamedSchema, ProtocolIR } from '../../ir/types.js';
import { keepCompiled } from './compiled.js';
import { standaloneModule } from './standalone-module.js';

export interface ValidatorEntry {
  readonly exportName: string;
  readonly view: 'typed' | 'wire';
  readonly schema: NamedSchema;
}

/**
 * ajv standalone validation code for the entries, as an ES module. Both views are bundled as
 * one schema each (`typed`, `wire`) so `$ref`s between named types resolve inside the bundle.
 */
export function standaloneValidators(ir: ProtocolIR, entries: readonly ValidatorEntry[]): string {
  const ajv = standaloneAjv(ir);
  keepCompiled(ir, ajv);
  const refs = Object.fromEntries(entries.map((e) => [e.exportName, `${e.view}#/definitions/${e.schema.name}`]));
  // ajv's standaloneCode, assembled in linear time (see standalone-module.ts).
  const code = standaloneModule(ajv, refs);
  // ajv's output is a finished block from ajv's own code generator: it is kept whole (not
  // re-parsed or re-formatted, which costs seconds on large protocols) after a preamble.
  return `${preamble(ir.source)}\n${code.replace(/^"use strict";\s*/, '')}\n`;
}

/** The ajv instance the standalone code is compiled with: both bundles, ES module source. */
export function standaloneAjv(ir: ProtocolIR): Ajv {
  return addBundles(
    new Ajv({
      allErrors: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true,
      code: { source: true, esm: true, lines: true },
    }),
    ir,
  );
}

/**
 * ajv's standalone output calls `require(...)` for its runtime helpers (such as
 * `ajv/dist/runtime/ucs2length`) even with `esm: true`. Those helpers are CommonJS, so the file
 * gets a `require` of its own from `createRequire(import.meta.url)`, Node's supported way to load
 * CommonJS from an ES module; it then loads under a real ESM `import` with ajv as a dependency.
 */
function preamble(source: string): string {
  return printStatements('ajv-preamble.js', source, [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: 'node:module', namedImports: ['createRequire'] },
    {
      kind: StructureKind.VariableStatement,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: 'require', initializer: 'createRequire(import.meta.url)' }],
    },
  ]);
}
