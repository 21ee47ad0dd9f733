/**
 * Loads a protocol definition directory through the generator's own stages (load → validate
 * → IR) and compiles both views of every named schema with ajv, exactly as the validators
 * emitter bundles them. So the fidelity test checks the schemas the way the shipped
 * validators see them, with no second loader to drift from the first.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import {
  addBundles,
  buildIR,
  loadSchemaSet,
  validateSchemaSet,
  formatProblem,
  type ProtocolIR,
} from '../../generator/src/index.js';
import type { ErrorCatalogueEntry, Manifest } from '../../generator/src/load/manifest.js';

export type Schema = Record<string, unknown>;
export type { Manifest };
export type CatalogueError = ErrorCatalogueEntry;

export interface LoadedProtocol {
  readonly dir: string;
  readonly manifest: Manifest;
  /** The error catalogue, parsed (it is data, not a schema). */
  readonly catalogue: { readonly description?: string; readonly errors: readonly CatalogueError[] };
  /** Every schema file as written, by path relative to `dir`. */
  readonly files: ReadonlyMap<string, Schema>;
  readonly ir: ProtocolIR;
  /** What the generator's validate stage reports (meta-schema, refs, names...), one line each. */
  readonly problems: readonly string[];
  /** Wire-view validator of a file's schema, or of the subschema at `at` (a JSON pointer) in it. */
  validator(file: string, at?: string): ValidateFunction;
  /** Typed-view validator of a file's schema (its `x-typed` patches applied). */
  typedValidator(file: string): ValidateFunction;
  readonly command: ValidateFunction;
  readonly reply: ValidateFunction;
  /** Wire-view validators by method name. */
  readonly params: ReadonlyMap<string, ValidateFunction>;
  readonly results: ReadonlyMap<string, ValidateFunction>;
}

export async function loadProtocol(dir: string): Promise<LoadedProtocol> {
  const set = await loadSchemaSet(dir, path.basename(dir));
  const problems = validateSchemaSet(set).map(formatProblem);
  if (problems.length > 0) throw new Error(`schema set ${dir} has problems:\n${problems.join('\n')}`);
  const ir = buildIR(set);
  const manifest = set.manifest as Manifest;
  const ajv = addBundles(new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }), ir);
  const nameOf = new Map(ir.schemas.map((s) => [s.file, s.name]));
  const compile = (view: 'wire' | 'typed', file: string, at = ''): ValidateFunction => {
    const name = nameOf.get(path.posix.normalize(file));
    const validate = name === undefined ? undefined : ajv.getSchema(`${view}#/definitions/${name}${at}`);
    if (validate === undefined) throw new Error(`no ${view} schema for ${file}#${at}`);
    return validate;
  };
  const validator = (file: string, at = '') => compile('wire', file, at);
  const files = new Map([...set.files].filter(([file]) => file !== manifest.errors) as [string, Schema][]);
  return {
    dir,
    manifest,
    catalogue: set.files.get(manifest.errors) as LoadedProtocol['catalogue'],
    files,
    ir,
    problems,
    validator,
    typedValidator: (file) => compile('typed', file),
    command: validator(manifest.envelopes.command),
    reply: validator(manifest.envelopes.reply),
    params: new Map(manifest.methods.map((m) => [m.name, validator(m.params)])),
    results: new Map(manifest.methods.map((m) => [m.name, validator(m.result)])),
  };
}

/**
 * A copy of the definition in `dir` with some schema files edited (file → a change made to its
 * JSON), loaded: what the fidelity tests must catch when a schema disagrees with the server.
 */
export async function loadEditedProtocol(
  dir: string,
  edits: Readonly<Record<string, (schema: Schema) => void>>,
): Promise<LoadedProtocol> {
  const copy = path.join(await mkdtemp(path.join(os.tmpdir(), 'centkit-edited-')), path.basename(dir));
  try {
    await cp(dir, copy, { recursive: true });
    for (const [file, edit] of Object.entries(edits)) {
      const schema = JSON.parse(await readFile(path.join(copy, file), 'utf8')) as Schema;
      edit(schema);
      await writeFile(path.join(copy, file), JSON.stringify(schema));
    }
    return await loadProtocol(copy);
  } finally {
    await rm(path.dirname(copy), { recursive: true, force: true });
  }
}

/** ajv errors as short lines: `<instancePath> <message> (<schemaPath>)`. */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.keyword === 'additionalProperties' ? ` '${String(e.params['additionalProperty'])}'` : ''} (${e.schemaPath})`,
    )
    .join('; ');
}
