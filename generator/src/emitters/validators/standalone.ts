import { Ajv } from 'ajv';
import { VariableDeclarationKind } from 'ts-morph';
import { printSourceFile } from '../../emit/ts-file.js';
import type { JsonSchema, NamedSchema, ProtocolIR } from '../../ir/types.js';
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
  const refs = Object.fromEntries(entries.map((e) => [e.exportName, `${e.view}#/definitions/${e.schema.name}`]));
  // ajv's standaloneCode, assembled in linear time (see standalone-module.ts).
  const code = standaloneModule(ajv, refs);
  // ajv's output is a finished block from ajv's own code generator: it is kept whole (not
  // re-parsed or re-formatted, which costs seconds on large protocols) after a preamble.
  return `${preamble(ir.source)}\n${code.replace(/^"use strict";\s*/, '')}\n`;
}

/** The ajv instance the standalone code is compiled with: both bundles, ES module source. */
export function standaloneAjv(ir: ProtocolIR): Ajv {
  return addBundles(new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true, code: { source: true, esm: true, lines: true } }), ir);
}

/**
 * Adds both views of every named schema to an ajv instance, as two bundles with `$id`s `typed`
 * and `wire` (refs read `#/definitions/<Name>`), and declares the `x-` annotations they use.
 * Exported so benchmarks can compile the very same schemas at run time.
 */
export function addBundles(ajv: Ajv, ir: ProtocolIR): Ajv {
  const annotations = new Set<string>();
  const bundle = (view: 'typed' | 'wire'): JsonSchema => ({
    $id: view,
    definitions: Object.fromEntries(ir.schemas.map((s) => [s.name, collectAnnotations(s[view], annotations)])),
  });
  const typed = bundle('typed');
  const wire = bundle('wire');
  for (const keyword of [...annotations].sort()) ajv.addKeyword({ keyword, schemaType: ['string', 'number', 'boolean', 'object', 'array'] });
  return ajv.addSchema(typed as never).addSchema(wire as never);
}

/** Records the `x-` annotations a schema uses, so ajv's strict mode knows them. */
function collectAnnotations(schema: JsonSchema, into: Set<string>): JsonSchema {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) into.add(key);
      if (key !== 'examples' && key !== 'enum' && key !== 'const' && key !== 'default') stack.push(value);
    }
  }
  return schema;
}

/**
 * ajv's standalone output calls `require(...)` for its runtime helpers (such as
 * `ajv/dist/runtime/ucs2length`) even with `esm: true`. Those helpers are CommonJS, so the file
 * gets a `require` of its own from `createRequire(import.meta.url)`, Node's supported way to load
 * CommonJS from an ES module; it then loads under a real ESM `import` with ajv as a dependency.
 */
function preamble(source: string): string {
  return printSourceFile('ajv-preamble.js', source, (file) => {
    file.addImportDeclaration({ moduleSpecifier: 'node:module', namedImports: ['createRequire'] });
    file.addVariableStatement({
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: 'require', initializer: 'createRequire(import.meta.url)' }],
    });
  });
}
