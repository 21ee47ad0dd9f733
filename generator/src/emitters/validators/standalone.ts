import { StructureKind, VariableDeclarationKind } from '../../emit/ts-morph.js';
import { printStatements } from '../../emit/ts-file.js';
import type { NamedSchema, ProtocolIR } from '../../ir/types.js';
import { keepCompiled } from './compiled.js';
import { standaloneAjv, type StandaloneInput } from './standalone-ajv.js';
import { standaloneModule } from './standalone-module.js';

export interface ValidatorEntry {
  readonly exportName: string;
  readonly view: 'typed' | 'wire';
  readonly schema: NamedSchema;
}

/** What `standaloneCode` compiles: every named schema (both views), and each export's schema ref. */
export function standaloneInput(ir: ProtocolIR, entries: readonly ValidatorEntry[]): StandaloneInput {
  const refs = Object.fromEntries(entries.map((e) => [e.exportName, `${e.view}#/definitions/${e.schema.name}`]));
  return { schemas: ir.schemas, refs };
}

/**
 * ajv standalone validation code for the entries, as an ES module, compiled here. Both views are
 * bundled as one schema each (`typed`, `wire`) so `$ref`s between named types resolve inside the
 * bundle. The instance is kept for the fixtures emitter (compiled.ts).
 */
export function standaloneValidators(ir: ProtocolIR, entries: readonly ValidatorEntry[]): string {
  const input = standaloneInput(ir, entries);
  const ajv = standaloneAjv(input);
  keepCompiled(ir, ajv);
  return standaloneFile(ir.source, standaloneModule(ajv, input.refs));
}

/** The module: a preamble, then ajv's output, a finished block from ajv's own code generator, kept whole. */
export function standaloneFile(source: string, code: string): string {
  // Not re-parsed or re-formatted, which costs seconds on large protocols.
  return `${preamble(source)}\n${code.replace(/^"use strict";\s*/, '')}\n`;
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
